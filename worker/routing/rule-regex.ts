// Owns `regex` rules: linear-time matching (RE2 semantics, via re2js), its caps, and the compiled-pattern cache.
import { RE2JS } from 're2js';

/** Longest pattern accepted; a longer one is invalid (the rule is false, and the admin API refuses it). */
export const MAX_PATTERN_LENGTH = 1000;
/** Only this many leading characters of a value are searched: matching is linear, but bodies can be 10 MiB. */
export const MAX_MATCH_LENGTH = 64 * 1024;

/** Rule sets are few and stable, so a small cache holds them all; the bound only stops abuse. */
const MAX_CACHED = 256;
const cache = new Map<string, RE2JS | null>();

/**
 * Compiles a rule pattern once; `null` means it is invalid (the rule is then false, never an error).
 * Patterns are RE2 syntax, which also reads the Python spellings Squirrel's rules use (`(?i)` inline
 * flags, `(?P<name>…)` groups). RE2 has no backreferences or lookarounds: those patterns are invalid,
 * which is what keeps a hostile pattern from taking exponential time.
 */
export function compileRulePattern(pattern: string): RE2JS | null {
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

function compile(pattern: string): RE2JS | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return null;
  try {
    return RE2JS.compile(pattern);
  } catch {
    return null;
  }
}

/** Why a pattern cannot be a rule, or null when it can (for the admin API's validation). */
export function rulePatternProblem(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH) return `a regex may be at most ${MAX_PATTERN_LENGTH} characters`;
  return compile(pattern)
    ? null
    : 'not a valid RE2 regular expression (backreferences and lookarounds are not supported)';
}

/** Searches the value (its first MAX_MATCH_LENGTH characters) for the pattern, unanchored like `re.search`. */
export function ruleRegexMatches(pattern: string, value: string): boolean {
  const re = compileRulePattern(pattern);
  if (!re) return false;
  return re.test(value.length > MAX_MATCH_LENGTH ? value.slice(0, MAX_MATCH_LENGTH) : value);
}

/** How many patterns are cached (for tests of the bound). */
export function cachedPatternCount(): number {
  return cache.size;
}
