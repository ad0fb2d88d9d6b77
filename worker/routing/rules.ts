// Owns the rule engine: evaluating a rule set (AND/OR of field/operator/value rules) against a request.

import { fieldRoot, isRecord, type RuleContext, resolveField } from './rule-paths';
import { ruleRegexMatches } from './rule-regex';
import type { RuleSet } from './types';

export type { RuleContext } from './rule-paths';

type Operator = (actual: unknown, expected: unknown) => boolean;

/**
 * Operator semantics follow Squirrel (reference §3.3). `actual` is `undefined` when the path is
 * missing. Nothing is coerced: `"1"` never equals `1`, and ordering needs two numbers or two strings.
 */
const OPERATORS: Record<string, Operator> = {
  eq: (a, e) => jsonEqual(a, e),
  ne: (a, e) => !jsonEqual(a, e),
  gt: (a, e) => compare(a, e) > 0,
  gte: (a, e) => compare(a, e) >= 0,
  lt: (a, e) => compare(a, e) < 0,
  lte: (a, e) => compare(a, e) <= 0,
  contains,
  not_contains: (a, e) => !contains(a, e),
  regex: (a, e) => {
    if (typeof a !== 'string' || typeof e !== 'string') return false;
    return ruleRegexMatches(e, a);
  },
  in: (a, e) => Array.isArray(e) && e.some((item) => jsonEqual(a, item)),
  not_in: (a, e) => !Array.isArray(e) || !e.some((item) => jsonEqual(a, item)),
  exists: (a, e) => (truthy(e) ? a !== undefined : a === undefined),
};

/**
 * True when the request satisfies the rule set. An absent rule set or an empty `rules` array matches
 * everything; `logic` is AND unless it says OR (any case). Never throws: a rule that cannot be
 * evaluated is false, and a rule set whose `rules` is not an array matches nothing (fail closed).
 */
export function evaluateRuleSet(ruleSet: RuleSet | null | undefined, ctx: RuleContext): boolean {
  if (ruleSet === null || ruleSet === undefined) return true;
  if (!isRecord(ruleSet)) return false;
  const rules: unknown = ruleSet.rules;
  if (rules === undefined || rules === null) return true;
  if (!Array.isArray(rules)) return false;
  if (rules.length === 0) return true;
  const any = typeof ruleSet.logic === 'string' && ruleSet.logic.toUpperCase() === 'OR';
  return any ? rules.some((r) => evaluateRule(r, ctx)) : rules.every((r) => evaluateRule(r, ctx));
}

/**
 * Evaluates one `Rule` (shape checked here, since stored JSON is not trusted). A missing `operator`
 * means `eq`; an unknown one is false. For `exists`, an omitted `value` means "must exist" (Squirrel
 * reads the absent value as falsy, "must not exist", which surprises anyone writing
 * `{"operator":"exists"}`).
 */
export function evaluateRule(rule: unknown, ctx: RuleContext): boolean {
  if (!isRecord(rule) || typeof rule.field !== 'string') return false;
  const name = rule.operator === undefined ? 'eq' : rule.operator;
  if (typeof name !== 'string' || !Object.hasOwn(OPERATORS, name)) return false;
  const op = OPERATORS[name];
  if (!op) return false;
  const expected = name === 'exists' && !Object.hasOwn(rule, 'value') ? true : normalize(rule.value);
  try {
    return op(resolveField(rule.field, ctx), expected);
  } catch {
    // A throwing token estimator (or any other surprise) makes the rule false, as in Squirrel.
    return false;
  }
}

/** True when some rule reads `token_usage.*`, i.e. the pre-flight token estimate is needed. */
export function ruleSetNeedsTokens(ruleSet: RuleSet | null | undefined): boolean {
  if (!isRecord(ruleSet) || !Array.isArray(ruleSet.rules)) return false;
  return ruleSet.rules.some((r: unknown) => isRecord(r) && fieldRoot(r.field) === 'token_usage');
}

function normalize(value: unknown): unknown {
  return value === null ? undefined : value;
}

// NaN for anything but two numbers or two strings, so every ordering test is false.
function compare(a: unknown, e: unknown): number {
  const comparable =
    (typeof a === 'number' && typeof e === 'number') || (typeof a === 'string' && typeof e === 'string');
  if (!comparable) return Number.NaN;
  if (a < e) return -1;
  if (a > e) return 1;
  return a === e ? 0 : Number.NaN;
}

// Squirrel tests `str(value) in actual`; scalars are stringified, anything else cannot be contained.
function contains(actual: unknown, expected: unknown): boolean {
  if (typeof actual !== 'string') return false;
  const t = typeof expected;
  if (t !== 'string' && t !== 'number' && t !== 'boolean') return false;
  return actual.includes(String(expected));
}

// Python truthiness, which Squirrel's `exists` uses for its value.
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isRecord(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Structural equality of JSON values, like Python's `==` on parsed JSON (minus `True == 1`). */
function jsonEqual(a: unknown, b: unknown): boolean {
  const x = normalize(a);
  const y = normalize(b);
  if (x === y) return true;
  if (Array.isArray(x)) {
    return Array.isArray(y) && x.length === y.length && x.every((v, i) => jsonEqual(v, y[i]));
  }
  if (isRecord(x) && isRecord(y)) {
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    return keys.every((k) => Object.hasOwn(y, k) && jsonEqual(x[k], y[k]));
  }
  return false;
}
