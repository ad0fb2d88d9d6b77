// Owns the tiny readers that pull typed values out of untrusted JSON without throwing.

export type JsonRecord = Record<string, unknown>;

/** The value as a plain object, or null. */
export function asRecord(value: unknown): JsonRecord | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : null;
}

/** A finite, non-negative token count, or null (vendors send strings, negatives and NaN-ish junk). */
export function asCount(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) return null;
  return Math.floor(n);
}

/** The first key of `obj` holding a valid count, or null. */
export function firstCount(obj: JsonRecord | null, ...keys: string[]): number | null {
  if (!obj) return null;
  for (const key of keys) {
    const n = asCount(obj[key]);
    if (n !== null) return n;
  }
  return null;
}

/** Parses JSON text; null instead of an exception. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
