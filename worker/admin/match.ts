// Owns POST /api/admin/models/{name}/match: a dry run of routing that shows candidates in order, with cost.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { eligibleCandidates, planCandidate } from '../routing/eligible';
import { planOrder } from '../routing/plan';
import type { LinkStatus } from '../routing/plan-types';
import { candidateCost, expectedOutputTokens } from '../routing/request-cost';
import type { RoutingConfig } from '../routing/types';
import { estimateInputTokens } from '../usage/estimate';
import { resolvePrice } from '../usage/pricing';
import { readBody } from './http';
import { healthView, modelHealth } from './model-health';
import { matchSchema } from './schemas';

/** Orders a model's candidates for a described request, using live health but never moving cursors. */
export async function matchModel(c: Context<AppEnv>, routing: RoutingConfig, name: string) {
  const input = await readBody(c, matchSchema);
  const model = routing.models.get(name);
  if (!model) throw new GatewayError('model_not_found', `Model "${name}" not found`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(input.headers ?? {})) headers[k.toLowerCase()] = v;
  if (input.api_key) {
    headers.authorization = `Bearer ${input.api_key}`;
    headers['x-api-key'] = input.api_key;
  }
  const body = { ...(input.body ?? {}), model: name };
  const tokens = input.input_tokens ?? estimateInputTokens('openai', body);
  const candidates = eligibleCandidates(model, routing.providers, {
    model: name,
    headers,
    body,
    tokens: () => tokens,
  });
  const health = await modelHealth(c.env, name);
  const expected = expectedOutputTokens(model, body);
  const costs = new Map(
    candidates.map((cand) => [
      cand.link.id,
      candidateCost(cand, model, { inputTokens: tokens, expectedOutputTokens: expected }),
    ]),
  );
  const now = Date.now();
  const links = new Map<number, LinkStatus>();
  for (const [id, h] of health) {
    links.set(id, {
      degraded: h.degraded,
      failureRate: h.failureRate,
      cooldownUntil: h.cooldownUntil,
      probeDueSince: null,
    });
  }
  const { order } = planOrder({
    strategy: model.strategy,
    candidates: candidates.map((cand) => planCandidate(cand, costs.get(cand.link.id))),
    state: { cursors: new Map(), links },
    now,
  });
  const byId = new Map(candidates.map((cand) => [cand.link.id, cand]));
  return {
    requested_model: name,
    strategy: model.strategy,
    input_tokens: tokens,
    expected_output_tokens: expected,
    matched_count: candidates.length,
    candidates: order.flatMap((id, position) => {
      const cand = byId.get(id);
      if (!cand) return [];
      const price = resolvePrice(cand.link, model);
      return [
        {
          position: position + 1,
          link_id: id,
          provider_id: cand.provider.id,
          provider_name: cand.provider.name,
          protocol: cand.provider.protocol,
          target_model_name: cand.link.targetModelName,
          priority: cand.link.priority,
          weight: cand.link.weight,
          is_paused: cand.link.pausedUntil !== null && cand.link.pausedUntil > now,
          billing_mode: price.billingMode,
          price_source: price.priceSource,
          input_price: price.inputPrice,
          output_price: price.outputPrice,
          estimated_cost: costs.get(id) ?? 0,
          ...healthView(health.get(id)),
        },
      ];
    }),
  };
}
