// Owns the model allow-list of a key: exact names, or a prefix ending in `*`.

/** True when `model` is one of `patterns` (`gpt-4o*` matches every name starting `gpt-4o`; `*` all). */
export function modelAllowed(patterns: readonly string[], model: string): boolean {
  for (const p of patterns) {
    if (p.endsWith('*') ? model.startsWith(p.slice(0, -1)) : p === model) return true;
  }
  return false;
}
