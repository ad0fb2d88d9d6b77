// Owns measuring how deep a JSON value nests, without recursion (a 100k-deep value must not blow the stack).

/** True when the value nests deeper than `limit` objects/arrays; stops as soon as it knows. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const v of level) {
      if (v === null || typeof v !== 'object') continue;
      if (depth >= limit) return true;
      for (const child of Array.isArray(v) ? v : Object.values(v)) next.push(child);
    }
    level = next;
  }
  return false;
}

/** Stored JSON deeper than this is unreadable config (written before limits existed): shown and used as null. */
export const MAX_STORED_DEPTH = 32;

/** The stored value, or `fallback` (with a warning naming `what`) when it nests too deep to be used safely. */
export function usableStoredJson<T>(value: T | null, what: string, fallback: T | null = null): T | null {
  if (value === null || !nestsDeeperThan(value, MAX_STORED_DEPTH)) return value;
  console.warn(`${what}: stored JSON nests deeper than ${MAX_STORED_DEPTH} levels; ignored until re-saved`);
  return fallback;
}
