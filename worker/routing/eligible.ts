// Owns candidate construction: which of a model's links may serve a request, in their canonical order.
import type { PlanCandidate } from './plan';
import { evaluateRuleSet, type RuleContext, ruleSetNeedsTokens } from './rules';
import type { Candidate, ModelConfig, ProviderConfig } from './types';

/**
 * The links of `model` that may serve this request: active links whose provider exists and is active,
 * when the request passes the model's `matchingRules` AND the link's `providerRules`. Sorted by
 * (priority asc, provider id asc, target model asc, link id asc) as in Squirrel §3.4. The model's own
 * `isActive` is the caller's business (it answers `model_disabled`, not "no provider").
 * The token estimate is computed at most once, and only if a rule reads `token_usage.*`.
 */
export function eligibleCandidates(
  model: ModelConfig,
  providers: ReadonlyMap<number, ProviderConfig>,
  ctx: RuleContext,
): Candidate[] {
  // Delegating getters, not a spread: a lazy `headers` must stay lazy when no rule reads it.
  const tokens = once(ctx.tokens);
  const shared: RuleContext = {
    get model() {
      return ctx.model;
    },
    get headers() {
      return ctx.headers;
    },
    get body() {
      return ctx.body;
    },
    tokens,
  };
  if (!evaluateRuleSet(model.matchingRules, shared)) return [];
  const out: Candidate[] = [];
  for (const link of model.links) {
    if (!link.isActive) continue;
    const provider = providers.get(link.providerId);
    if (!provider?.isActive) continue;
    if (!evaluateRuleSet(link.providerRules, shared)) continue;
    out.push({ link, provider });
  }
  return out.sort(compareCandidates);
}

/** True when routing this model may need the pre-flight token estimate (a rule reads `token_usage.*`). */
export function modelNeedsTokens(model: ModelConfig): boolean {
  return (
    ruleSetNeedsTokens(model.matchingRules) || model.links.some((l) => ruleSetNeedsTokens(l.providerRules))
  );
}

/**
 * The planner's view of a candidate; `cost` is the caller's estimate for this request (cost_first).
 * A cost that is not a finite number is dropped: the candidate then counts as unpriced (tried last).
 */
export function planCandidate(candidate: Candidate, cost?: number): PlanCandidate {
  const { link } = candidate;
  return {
    id: link.id,
    weight: link.weight,
    priority: link.priority,
    pausedUntil: link.pausedUntil,
    ...(cost !== undefined && Number.isFinite(cost) ? { cost } : {}),
  };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    a.link.priority - b.link.priority ||
    a.link.providerId - b.link.providerId ||
    compareText(a.link.targetModelName, b.link.targetModelName) ||
    a.link.id - b.link.id
  );
}

// Code-unit order, not locale order, so the sort is the same in every isolate.
function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function once(fn: () => number): () => number {
  let value: number | undefined;
  return () => {
    value ??= fn();
    return value;
  };
}
