// Owns how a rule's `field` path resolves against the request: model, headers, body and token usage.

/** What a rule can read about a request. `tokens` is called only when a rule reads `token_usage.*`. */
export interface RuleContext {
  /** The requested model name, before mapping. */
  model: string;
  /** Inbound headers with lowercase names, as the Workers runtime hands them over. */
  headers: Record<string, string>;
  body: unknown;
  /** Pre-flight input-token estimate; may be expensive, so it is read lazily. */
  tokens: () => number;
}

/** A path segment: an optional key followed by any number of `[i]` indexes, e.g. `messages[0]`. */
const SEGMENT = /^([^[\]]*)((?:\[\d+\])*)$/;
const INDEX = /\[(\d+)\]/g;

/** The root of a field path, lowercased, or '' when the field is not a string. */
export function fieldRoot(field: unknown): string {
  if (typeof field !== 'string') return '';
  const dot = field.indexOf('.');
  return (dot === -1 ? field : field.slice(0, dot)).toLowerCase();
}

/**
 * Resolves a rule field; `undefined` means missing. JSON `null` also counts as missing, as
 * Squirrel's `None` does: `exists` is false for it and `eq null` is true.
 */
export function resolveField(field: string, ctx: RuleContext): unknown {
  const parts = field.split('.');
  const root = (parts[0] ?? '').toLowerCase();
  const rest = parts.slice(1);
  let value: unknown;
  if (root === 'model') value = rest.length === 0 ? ctx.model : undefined;
  else if (root === 'headers') value = header(ctx.headers, rest.join('.'));
  else if (root === 'body') value = walk(ctx.body, rest);
  else if (root === 'token_usage') value = rest.length === 1 ? tokenUsage(rest[0] ?? '', ctx) : undefined;
  return value === null ? undefined : value;
}

// Header names are case-insensitive in HTTP, so the rule's name is lowercased to meet the runtime's.
function header(headers: Record<string, string>, name: string): string | undefined {
  if (!name) return undefined;
  const key = name.toLowerCase();
  return Object.hasOwn(headers, key) ? headers[key] : undefined;
}

// Only output is unknown at routing time, so it is 0 (as in Squirrel) and total equals input.
function tokenUsage(name: string, ctx: RuleContext): number | undefined {
  if (name === 'input_tokens') return ctx.tokens();
  if (name === 'output_tokens') return 0;
  if (name === 'total_tokens') return ctx.tokens();
  return undefined;
}

function walk(body: unknown, segments: readonly string[]): unknown {
  let current = body;
  for (const segment of segments) {
    const match = SEGMENT.exec(segment);
    if (!match) return undefined;
    const key = match[1] ?? '';
    const indexes = match[2] ?? '';
    if (!key && !indexes) return undefined;
    if (key) {
      if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
    for (const [, digits] of indexes.matchAll(INDEX)) {
      const i = Number(digits);
      if (!Array.isArray(current) || i >= current.length) return undefined;
      current = current[i];
    }
  }
  return current;
}

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
