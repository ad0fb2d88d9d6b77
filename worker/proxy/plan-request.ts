// Owns turning a parsed request into the ordered attempts: rules, strategy, the balancer, and bridges.

import { planAttempts } from '../balancer/client';
import type { RoutingConfig } from '../db/queries/routing-config';
import type { Env } from '../env';
import { GatewayError } from '../errors';
import type { RequestTrace } from '../logging/trace';
import { eligibleCandidates, planCandidate } from '../routing/eligible';
import { candidateCost, expectedOutputTokens } from '../routing/request-cost';
import type { RuleContext } from '../routing/rules';
import type { Candidate, ModelConfig } from '../routing/types';
import { estimateInputTokens } from '../usage/estimate';
import { selectBridge } from './bridge';
import { type CacheDeps, getRoutingConfig } from './config-cache';
import type { Planned } from './execute';
import type { ProxyRequest } from './request';

export interface PlannedRequest {
  attempts: Planned[];
  /** The link sent first as a half-open probe, if any. */
  probe: number | null;
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

function costOf(req: ProxyRequest, model: ModelConfig, ctx: RuleContext) {
  const body = ctx.body as Record<string, unknown>;
  const imageCount = req.spec.id.startsWith('images_') ? Number(body.n ?? 1) || 1 : undefined;
  const expected = expectedOutputTokens(model, req.body.kind === 'json' ? req.body.json : {});
  return (c: Candidate) =>
    candidateCost(c, model, { inputTokens: ctx.tokens(), expectedOutputTokens: expected, imageCount });
}

/** Finds the model (re-checking D1 once on a miss), filters by rules, and orders through the balancer. */
export async function planRequest(
  env: Env,
  deps: CacheDeps,
  routing: RoutingConfig,
  req: ProxyRequest,
  trace: RequestTrace,
  balancerDeadlineMs: number,
): Promise<PlannedRequest> {
  let config = routing;
  if (!config.models.has(req.model)) config = await getRoutingConfig(deps, { fresh: true });
  const model = config.models.get(req.model);
  if (!model)
    throw new GatewayError('model_not_found', `The model "${req.model}" does not exist`, { param: 'model' });
  trace.model = model;
  if (!model.isActive) throw new GatewayError('model_disabled', `The model "${req.model}" is disabled`);
  const ctx = ruleContext(req);
  const bridged = new Map<number, Planned>();
  for (const candidate of eligibleCandidates(model, config.providers, ctx)) {
    const bridge = selectBridge(req.spec.id, req.spec.path, candidate.provider.implementation);
    if (bridge) bridged.set(candidate.link.id, { candidate, bridge });
  }
  trace.matchedCount = bridged.size;
  if (bridged.size === 0) {
    throw new GatewayError(
      'no_available_provider',
      `No active provider matches "${req.model}" on ${req.spec.path}`,
    );
  }
  const cost = model.strategy === 'cost_first' ? costOf(req, model, ctx) : null;
  const candidates = [...bridged.values()].map((p) => planCandidate(p.candidate, cost?.(p.candidate)));
  const planned = await planAttempts(
    env,
    model.requestedModel,
    { strategy: model.strategy, candidates },
    {
      deadlineMs: balancerDeadlineMs,
    },
  );
  if (planned.fallback) {
    trace.balancerFallback = true;
    console.warn(`balancer fallback for ${model.requestedModel}: ${planned.reason}`);
  }
  const attempts = planned.order.map((id) => bridged.get(id)).filter((p): p is Planned => p !== undefined);
  return { attempts, probe: planned.probe };
}
