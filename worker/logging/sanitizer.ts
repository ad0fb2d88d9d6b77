// Owns log sanitization: credential headers, known secrets anywhere, and key-shaped strings in text and JSON.
import { isSensitiveHeader, maskSecret } from '../lib/mask';

export type HeaderInput = Headers | Record<string, string> | Iterable<readonly [string, string]>;

export interface SanitizerOptions {
  /** Exact secrets to hide wherever they appear (provider keys, the caller's gateway key). */
  secrets?: Iterable<string | null | undefined>;
  /** Extra key prefixes to treat as keys, e.g. the configured gateway key prefix (`lgw-` is built in). */
  keyPrefixes?: readonly string[];
}

export interface Sanitizer {
  /** Masks known secrets and key-shaped strings in a text (bodies, SSE, error messages). */
  text(value: string): string;
  /** A deep copy of a JSON value with keys and string values sanitized, credential fields masked. */
  json(value: unknown): unknown;
  /** Header map with credential headers masked and other values sanitized like text. */
  headers(headers: HeaderInput): Record<string, string>;
}

/** Secrets shorter than this are not searched for: masking every `abc` in a body would wreck it. */
const MIN_SECRET_LENGTH = 8;
/** Deeper JSON than any real body; past it the subtree is replaced, not recursed into. */
const MAX_DEPTH = 200;
const BUILTIN_PREFIXES = ['sk-', 'lgw-'];
/** JSON fields whose string value is a credential whatever it looks like. */
const CREDENTIAL_FIELD =
  /^(authorization|proxy[-_]?authorization|x[-_]?api[-_]?key|api[-_]?key|apikey|password|secret|client[-_]?secret|access[-_]?token|refresh[-_]?token)$/i;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Masks a header value: keeps an auth scheme (`Bearer `), masks each cookie value separately. */
export function maskHeaderValue(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower === 'cookie' || lower === 'set-cookie') {
    return value.replace(/(^|;\s*)([^=;\s]+)=([^;]*)/g, (_m, sep: string, key: string, v: string) =>
      lower === 'set-cookie' && sep !== '' ? `${sep}${key}=${v}` : `${sep}${key}=${maskSecret(v)}`,
    );
  }
  const scheme = /^(Bearer|Basic|Token)\s+(.+)$/i.exec(value.trim());
  return scheme ? `${scheme[1]} ${maskSecret(scheme[2]!)}` : maskSecret(value);
}

/**
 * Builds a sanitizer for one record or batch: the secret list is compiled into a single regular
 * expression once, so each text is scanned in one pass per pattern. Inputs are never mutated.
 */
export function createSanitizer(options: SanitizerOptions = {}): Sanitizer {
  const secrets = [...new Set([...(options.secrets ?? [])].filter(isLongEnough))];
  secrets.sort((a, b) => b.length - a.length); // longest first: a key containing another is masked whole
  const exact = secrets.length > 0 ? new RegExp(secrets.map(escapeRegExp).join('|'), 'g') : null;
  const prefixes = [...new Set([...BUILTIN_PREFIXES, ...(options.keyPrefixes ?? [])])].filter(
    (p) => p !== '',
  );
  const generic = new RegExp(
    [
      `(?<![A-Za-z0-9_-])(?:${prefixes.map(escapeRegExp).join('|')})[A-Za-z0-9_-]{16,}`,
      `(?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{30,}`,
      `\\b([Bb]earer)\\s+([A-Za-z0-9._~+/=-]{8,})`,
    ].join('|'),
    'g',
  );

  const text = (value: string): string => {
    let out = exact ? value.replace(exact, (m) => maskSecret(m)) : value;
    out = out.replace(generic, (m: string, scheme?: string, token?: string) =>
      scheme && token ? `${scheme} ${maskSecret(token)}` : maskSecret(m),
    );
    return out;
  };

  const json = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return text(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth >= MAX_DEPTH) return '[nested too deep]';
    if (Array.isArray(value)) return value.map((v) => json(v, depth + 1));
    // fromEntries defines own properties, so a `__proto__` key stays data instead of a prototype.
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [
        text(key),
        typeof v === 'string' && CREDENTIAL_FIELD.test(key) ? maskHeaderValue(key, v) : json(v, depth + 1),
      ]),
    );
  };

  const headers = (input: HeaderInput): Record<string, string> => {
    const out: Record<string, string> = {};
    const entries = isIterable(input) ? input : Object.entries(input);
    for (const [name, value] of entries) {
      out[name] = isSensitiveHeader(name) ? maskHeaderValue(name, value) : text(value);
    }
    return out;
  };

  return { text, json: (value) => json(value), headers };
}

function isLongEnough(s: string | null | undefined): s is string {
  return typeof s === 'string' && s.length >= MIN_SECRET_LENGTH;
}

function isIterable(v: HeaderInput): v is Iterable<readonly [string, string]> {
  return typeof (v as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function';
}

const cached = new Map<string, Sanitizer>();

/** The same keys come back request after request: their sanitizer is compiled once per isolate. */
export function sanitizerFor(secrets: readonly (string | null | undefined)[], keyPrefix: string): Sanitizer {
  const id = `${keyPrefix}\0${secrets.filter(Boolean).join('\0')}`;
  let found = cached.get(id);
  if (!found) {
    found = createSanitizer({ secrets, keyPrefixes: [keyPrefix] });
    if (cached.size >= 200) cached.clear();
    cached.set(id, found);
  }
  return found;
}

/** One-shot helpers for callers with a single value to clean. */
export function sanitizeText(value: string, options?: SanitizerOptions): string {
  return createSanitizer(options).text(value);
}

export function sanitizeJson(value: unknown, options?: SanitizerOptions): unknown {
  return createSanitizer(options).json(value);
}

export function sanitizeHeaders(headers: HeaderInput, options?: SanitizerOptions): Record<string, string> {
  return createSanitizer(options).headers(headers);
}
