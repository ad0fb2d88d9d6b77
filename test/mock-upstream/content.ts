// Deterministic reply text: the echo, padding to a size, splitting into stream pieces, token counts.

const ECHO_CHARS = 40;
const FILLER = ' lorem ipsum dolor sit amet, consectetur adipiscing elit.';
const paddingCache = new Map<number, string>();

/** First `max` UTF-16 units of `text`, never ending inside a surrogate pair. */
export function snippet(text: string, max = ECHO_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function padding(length: number): string {
  let cached = paddingCache.get(length);
  if (cached === undefined) {
    cached = FILLER.repeat(Math.ceil(length / FILLER.length)).slice(0, length);
    // Sizes come from a handful of benchmark settings; the bound only guards odd callers.
    if (paddingCache.size > 64) paddingCache.clear();
    paddingCache.set(length, cached);
  }
  return cached;
}

/** `Echo: <first 40 chars>` padded with ASCII filler to about `bytes` characters. */
export function echoText(source: string, bytes: number): string {
  const base = `Echo: ${snippet(source)}`;
  return bytes > base.length ? base + padding(bytes - base.length) : base;
}

/** Splits `text` into at most `parts` non-empty pieces of near-equal length. */
export function splitText(text: string, parts: number): string[] {
  const count = Math.max(1, Math.min(parts, text.length));
  if (count === 1) return [text];
  const pieces: string[] = [];
  const size = text.length / count;
  let start = 0;
  for (let i = 1; i <= count; i++) {
    let end = i === count ? text.length : Math.round(i * size);
    const code = text.charCodeAt(end - 1);
    // Moving a boundary past a high surrogate keeps every piece valid UTF-16.
    if (end < text.length && code >= 0xd800 && code <= 0xdbff) end++;
    if (end > start) pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** Rough token count (4 characters a token), at least 1 for non-empty text. */
export function tokens(chars: number): number {
  return chars <= 0 ? 0 : Math.ceil(chars / 4);
}

/**
 * Remembers prompt-cache keys so a repeated cacheable prefix reads from the cache, as the real
 * APIs do: the first request writes the cache, later identical prefixes hit it.
 */
export class CacheTracker {
  #seen = new Set<string>();

  /** Returns true when `key` was seen before, and records it. */
  hit(key: string): boolean {
    if (this.#seen.has(key)) return true;
    if (this.#seen.size >= 10_000) this.#seen.clear();
    this.#seen.add(key);
    return false;
  }

  clear(): void {
    this.#seen.clear();
  }
}

/** Seconds since the epoch, as `created` fields carry. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
