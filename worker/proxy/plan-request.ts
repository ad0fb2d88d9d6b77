// Owns turning a parsed request into the ordered list of candidates to try, each with its bridge.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import type { RoutingConfig } from '../db/queries/routing-config';
import { GatewayError } from '../errors';
import type { RequestTrace } from '../logging/trace';
import type { Candidate, ModelConfig } from '../routing/types';
import { selectBridge } from './bridge';
import { type CacheDeps, getRoutingConfig } from './config-cache';
import type { Planned } from './execute';
import type { ProxyRequest } from './request';

/** Active links whose provider is active, by priority — replaced by the routing engine's plan. */
function staticCandidates(model: ModelConfig, providers: Map<number, Candidate['provider']>): Candidate[] {
  const out: Candidate[] = [];
  for (const link of model.links) {
    const provider = providers.get(link.providerId);
    if (link.isActive && provider?.isActive) out.push({ link, provider });
  }
  return out.sort((a, b) => a.link.priority - b.link.priority || a.link.id - b.link.id);
}

/** Finds the model (re-checking D1 once on a miss), then orders its candidates. */
export async function planRequest(
  _c: Context<AppEnv>,
  deps: CacheDeps,
  routing: RoutingConfig,
  req: ProxyRequest,
  trace: RequestTrace,
): Promise<Planned[]> {
  let model = routing.models.get(req.model);
  let providers = routing.providers;
  if (!model) {
    const fresh = await getRoutingConfig(deps, { fresh: true });
    model = fresh.models.get(req.model);
    providers = fresh.providers;
  }
  if (!model)
    throw new GatewayError('model_not_found', `The model "${req.model}" does not exist`, { param: 'model' });
  trace.model = model;
  if (!model.isActive) throw new GatewayError('model_disabled', `The model "${req.model}" is disabled`);
  const plan: Planned[] = [];
  for (const candidate of staticCandidates(model, providers)) {
    const bridge = selectBridge(req.spec.id, req.spec.path, candidate.provider.implementation);
    if (bridge) plan.push({ candidate, bridge });
  }
  trace.matchedCount = plan.length;
  if (plan.length === 0) {
    throw new GatewayError(
      'no_available_provider',
      `No active provider can serve "${req.model}" on ${req.spec.path}`,
    );
  }
  return plan;
}
