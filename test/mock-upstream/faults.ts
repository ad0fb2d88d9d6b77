// Fault injection: the Fault shape, its string grammar, and the one-shot queue scripted by tests.

/**
 * What to break in one reply. Fields combine (`{ delayMs: 100, status: 503 }`); an empty object is
 * a normal reply, which lets a queue script "500, then 200".
 */
export interface Fault {
  /** Answer with this HTTP status and an error body in the route's protocol. */
  status?: number;
  /** Seconds, sent as `Retry-After` with the status. */
  retryAfter?: number;
  /** Milliseconds, sent as `retry-after-ms` with the status (the OpenAI SDK honours it). */
  retryAfterMs?: number;
  /** Wait before the first byte. */
  delayMs?: number;
  /** Wait between streamed deltas. */
  chunkGapMs?: number;
  /** Destroy the socket before any response byte. */
  reset?: boolean;
  /** Never answer; the socket stays open until the client leaves or the server closes. */
  timeout?: boolean;
  /** Destroy the socket after this many SSE frames (non-stream: after headers and half the body). */
  abortAfter?: number;
  /** Stop writing after this many SSE frames and keep the socket open until the server closes. */
  stallAfter?: number;
  /** Answer 200 with a truncated JSON body. */
  badJson?: boolean;
  /** Write this many good SSE frames, then one whose data is not JSON, then end. */
  badSseAfter?: number;
  /** Write this many good SSE frames, then an error event in the route's protocol, then end. */
  errorAfter?: number;
  /** Answer with this 3xx status and `Location` pointing at the mock's `redirect-target` provider. */
  redirect?: number;
  /** Echo the credential the request carried (`authorization` or `x-api-key`) in `x-echo-key`. */
  echoKey?: boolean;
}

/** A malformed fault string or object; rendered as a 400 so a typo never passes silently. */
export class FaultSyntaxError extends Error {}

const NUMERIC_TERMS: Record<string, keyof Fault> = {
  status: 'status',
  'retry-after-ms': 'retryAfterMs',
  'retry-after': 'retryAfter',
  delay: 'delayMs',
  gap: 'chunkGapMs',
  'abort-after': 'abortAfter',
  'stall-after': 'stallAfter',
  'bad-sse-after': 'badSseAfter',
  'error-after': 'errorAfter',
  redirect: 'redirect',
};
const FLAG_TERMS: Record<string, Fault> = {
  timeout: { timeout: true },
  reset: { reset: true },
  'bad-json': { badJson: true },
  'bad-sse': { badSseAfter: 1 },
  'echo-key': { echoKey: true },
  ok: {},
};
// Longer keywords first so `retry-after-ms` wins over `retry-after` and `bad-sse-after` over `bad-sse`.
const TERM = new RegExp(
  `^(?:(${Object.keys(NUMERIC_TERMS).join('|')})-(\\d+)|(${Object.keys(FLAG_TERMS).join('|')}))(?:-|$)`,
);
const NUMERIC_KEYS = new Set<string>(Object.values(NUMERIC_TERMS));
const FLAG_KEYS = new Set<string>(['reset', 'timeout', 'badJson', 'echoKey']);

/**
 * Parses the fault grammar: terms joined by `-` (separators `, ; = :` and spaces also work),
 * e.g. `status-429-retry-after-2`, `delay-200-status-503`, `abort-after-3`, `bad-sse`, `timeout`.
 */
export function parseFaultString(spec: string): Fault {
  let rest = spec
    .trim()
    .toLowerCase()
    .replace(/[\s,;=:]+/g, '-');
  if (rest.startsWith('mock-')) rest = rest.slice(5);
  const fault: Fault = {};
  while (rest.length > 0) {
    const match = TERM.exec(rest);
    if (!match) throw new FaultSyntaxError(`unknown mock fault term at "${rest}" in "${spec}"`);
    const key = match[1] === undefined ? undefined : NUMERIC_TERMS[match[1]];
    if (key) Object.assign(fault, { [key]: Number(match[2]) });
    else Object.assign(fault, FLAG_TERMS[match[3]!]);
    rest = rest.slice(match[0].length);
  }
  return fault;
}

/** Reads a fault from a model name: only `mock-<term>...` names are faults; others are plain models. */
export function faultFromModel(model: string): Fault | undefined {
  if (!model.startsWith('mock-')) return undefined;
  if (!TERM.test(model.slice(5).toLowerCase())) return undefined;
  return parseFaultString(model);
}

/** Accepts a fault as a grammar string or an object with known keys; used by headers and the control API. */
export function toFault(value: unknown): Fault {
  if (typeof value === 'string') {
    const text = value.trim();
    return text.startsWith('{') ? toFault(parseJson(text)) : parseFaultString(text);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FaultSyntaxError('a fault is a string or an object');
  }
  const fault: Fault = {};
  for (const [key, field] of Object.entries(value)) {
    if (NUMERIC_KEYS.has(key) && Number.isInteger(field) && (field as number) >= 0) {
      Object.assign(fault, { [key]: field });
    } else if (FLAG_KEYS.has(key) && typeof field === 'boolean') {
      Object.assign(fault, { [key]: field });
    } else {
      throw new FaultSyntaxError(`invalid fault field ${key}: ${JSON.stringify(field)}`);
    }
  }
  return fault;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new FaultSyntaxError(`fault is not valid JSON: ${text}`);
  }
}

/** Which requests a queued batch applies to; both fields optional. */
export interface FaultMatch {
  provider?: string;
  /** Matches when the request path ends with it, e.g. `/chat/completions`. */
  path?: string;
}

export interface FaultBatch extends FaultMatch {
  faults: Fault[];
}

/** What tests send to queue faults: strings in the grammar or Fault objects, for matching requests. */
export interface FaultScript extends FaultMatch {
  faults: Array<Fault | string>;
}

/** Validates a script from the control API or a test; throws FaultSyntaxError when malformed. */
export function toFaultBatch(value: unknown): FaultBatch {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FaultSyntaxError('expected { provider?, path?, faults: [...] }');
  }
  const { provider, path, faults } = value as Record<string, unknown>;
  if (provider !== undefined && typeof provider !== 'string')
    throw new FaultSyntaxError('provider must be a string');
  if (path !== undefined && typeof path !== 'string') throw new FaultSyntaxError('path must be a string');
  if (!Array.isArray(faults)) throw new FaultSyntaxError('faults must be an array');
  return { provider, path, faults: faults.map(toFault) };
}

/** One-shot faults consumed in order by the first matching requests. */
export class FaultQueue {
  #batches: FaultBatch[] = [];

  push(batch: FaultBatch): void {
    if (batch.faults.length > 0) this.#batches.push({ ...batch, faults: [...batch.faults] });
  }

  /** Removes and returns the next fault for a request, if any batch matches it. */
  take(provider: string, path: string): Fault | undefined {
    if (this.#batches.length === 0) return undefined;
    const index = this.#batches.findIndex(
      (b) => (b.provider === undefined || b.provider === provider) && (!b.path || path.endsWith(b.path)),
    );
    if (index < 0) return undefined;
    const batch = this.#batches[index]!;
    const fault = batch.faults.shift();
    if (batch.faults.length === 0) this.#batches.splice(index, 1);
    return fault;
  }

  pending(): FaultBatch[] {
    return this.#batches.map((b) => ({ ...b, faults: [...b.faults] }));
  }

  clear(): void {
    this.#batches = [];
  }
}
