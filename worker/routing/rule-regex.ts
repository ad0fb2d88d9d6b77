// Owns the compiled-regex cache for `regex` rules and the small Python → JavaScript syntax bridge.

/** Rule sets are few and stable, so a small cache holds them all; the bound only stops abuse. */
const MAX_CACHED = 256;
const cache = new Map<string, RegExp | null>();

/** Leading Python inline flags such as `(?i)` or `(?ms)`; only those JavaScript also has. */
const LEADING_FLAGS = /^\(\?([ims]+)\)/;

/**
 * Compiles a rule pattern once; `null` means it is invalid (the rule is then false, never an error).
 * Patterns are written for Squirrel's Python `re.search`, so the Python-only spellings admins are
 * likely to use — leading inline flags and named groups `(?P<n>…)` / `(?P=n)` — are translated.
 */
export function compileRulePattern(pattern: string): RegExp | null {
  const hit = cache.get(pattern);
  if (hit !== undefined) {
    // Re-insert so the least recently used pattern is the one evicted.
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  const compiled = compile(pattern);
  if (cache.size >= MAX_CACHED) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  cache.set(pattern, compiled);
  return compiled;
}

function compile(pattern: string): RegExp | null {
  let source = pattern;
  let flags = '';
  const leading = LEADING_FLAGS.exec(source);
  if (leading) {
    flags = [...new Set(leading[1])].join('');
    source = source.slice(leading[0].length);
  }
  source = source.replaceAll('(?P<', '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
  try {
    return new RegExp(source, flags);
  } catch {
    return null;
  }
}

/** How many patterns are cached (for tests of the bound). */
export function cachedPatternCount(): number {
  return cache.size;
}
