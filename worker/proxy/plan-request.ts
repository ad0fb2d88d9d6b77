// Owns turning a parsed request into the ordered attempts: rules, strategy, the balancer, and bridges.
import { type BalancerEnv, type PlanOptions, planAttempts } from '../balancer/client';
import type { ConfigService } from '../config/cache';
import { GatewayError } from '../errors';
import { sanitizerFor } from '../logging/sanitizer';
import { encryptedOriginOf } from '../protocols/responses/reasoning';
import { rendezvousLink } from '../routing/affinity';
import { eligibleCandidates, planCandidate } from '../routing/eligible';
import { candidateCost, expectedOutputTokens } from '../routing/request-cost';
import type { RuleContext } from '../routing/rules';
import type { Candidate, LinkConfig, ModelConfig, RoutingConfig } from '../routing/types';
import { estimateInputTokens } from '../usage/estimate';
import { selectBridge } from './bridge';
import type { Planned } from './execute';
import type { ProxyRequest } from './request';
import type { TraceRouting } from './trace';

/** What routing decided for one request. */
export interface PlannedRequest extends TraceRouting {
  /** In attempt order; empty when no link can serve the request. */
  attempts: Planned[];
  /** The link sent first as a half-open probe, if any. */
  probe: number | null;
  /** Why the balancer was not used, when `balancerFallback`. */
  fallbackReason?: string;
}

/** The requested model as error messages quote it: a key pasted as the model name is masked. */
export function shownModel(req: ProxyRequest): string {
  return sanitizerFor([req.key.secret], req.keyPrefix).text(req.model);
}

export interface PlanDeps {
  env: BalancerEnv;
  config: ConfigService;
  /** Deadline, sync interval, health settings and the request's waitUntil for the replica. */
  balancer: PlanOptions;
}

function ruleContext(req: ProxyRequest): RuleContext {
  const body = req.body.kind === 'json' ? req.body.json : req.body.fields;
  let headers: Record<string, string> | undefined;
  let tokens: number | undefined;
  // Headers and the token estimate are built at most once, and only if a rule or the strategy asks.
  return {
    model: req.model,
    body,
    get headers() {
      if (!headers) {
        const out: Record<string, string> = {};
        req.headers.forEach((value, name) => {
          out[name] = value;
        });
        headers = out;
      }
      return headers;
    },
    tokens: () => {
      tokens ??= req.body.kind === 'json' ? estimateInputTokens(req.spec.clientProtocol, req.body.json) : 0;
      return tokens;
    },
  };
}

/**
 * The link this request's conversation lives on: the one that answered the stored turn it continues,
 * else the rendezvous pick for its `prompt_cache_key` (where encrypted reasoning and the provider's
 * prompt cache can be read). Undefined when neither applies.
 */
function affinityLink(
  req: ProxyRequest,
  model: ModelConfig,
  links: readonly LinkConfig[],
): number | undefined {
  const stored = req.stored?.affinityLinkId ?? encryptedOrigin(req);
  if (stored !== undefined && links.some((l) => l.id === stored)) return stored;
  const key = req.body.kind === 'json' ? req.body.json.prompt_cache_key : undefined;
  if (typeof key !== 'string' || key === '' || links.length < 2) return undefined;
  // Under `priority` a new conversation still starts in the first group.
  const top = Math.min(...links.map((l) => l.priority));
  return rendezvousLink(key, model.strategy === 'priority' ? links.filter((l) => l.priority === top) : links);
}

/** The link whose marked encrypted reasoning a Responses client sent back (a quick text test first). */
function encryptedOrigin(req: ProxyRequest): number | undefined {
  if (req.spec.id !== 'responses' || req.body.kind !== 'json' || !req.body.raw.includes('"lgw:'))
    return undefined;
  return encryptedOriginOf((req.stored?.body ?? req.body.json).input);
}

function costOf(req: ProxyRequest, model: ModelConfig, ctx: RuleContext) {
  const body = ctx.body as Record<string, unknown>;
  const imageCount = req.spec.id.startsWith('images_') ? Number(body.n ?? 1) || 1 : undefined;
  const expected = expectedOutputTokens(model, req.body.kind === 'json' ? req.body.json : {});
  return (c: Candidate) =>
    candidateCost(c, model, { inputTokens: ctx.tokens(), expectedOutputTokens: expected, imageCount });
}

/**
 * Finds the model (re-checking D1 once on a miss), filters by rules, and orders through the balancer.
 * Throws for an unknown or disabled model; no matching link is an empty plan, for the caller to refuse.
 */
export async function planRequest(
  deps: PlanDeps,
  routing: RoutingConfig,
  req: ProxyRequest,
): Promise<PlannedRequest> {
  let config = routing;
  if (!config.models.has(req.model)) config = await deps.config.routing({ fresh: true });
  const model = config.models.get(req.model);
  if (!model)
    throw new GatewayError('model_not_found', `The model "${shownModel(req)}" does not exist`, {
      param: 'model',
    });
  if (!model.isActive) throw new GatewayError('model_disabled', `The model "${shownModel(req)}" is disabled`);
  const ctx = ruleContext(req);
  const bridged = new Map<number, Planned>();
  for (const candidate of eligibleCandidates(model, config.providers, ctx)) {
    const bridge = selectBridge(req.spec.id, req.spec.path, candidate.provider.implementation);
    if (bridge) bridged.set(candidate.link.id, { candidate, bridge });
  }
  if (bridged.size === 0) {
    return { model, matchedCount: 0, balancerFallback: false, attempts: [], probe: null };
  }
  const cost = model.strategy === 'cost_first' ? costOf(req, model, ctx) : null;
  const pinned = affinityLink(
    req,
    model,
    [...bridged.values()].map((p) => p.candidate.link),
  );
  const candidates = [...bridged.values()].map((p) => {
    const planned = planCandidate(p.candidate, cost?.(p.candidate));
    return p.candidate.link.id === pinned ? { ...planned, affinity: true } : planned;
  });
  const planned = await planAttempts(
    deps.env,
    model.requestedModel,
    { strategy: model.strategy, candidates },
    deps.balancer,
  );
  const attempts = planned.order.map((id) => bridged.get(id)).filter((p): p is Planned => p !== undefined);
  return {
    model,
    matchedCount: bridged.size,
    balancerFallback: planned.fallback,
    fallbackReason: planned.reason,
    attempts,
    probe: planned.probe,
  };
}
