// Owns one proxied request from authentication to the committed response: the path through the gateway.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { authenticate } from '../middleware/gateway-auth';
import type { Candidate, ModelConfig } from '../routing/types';
import { type FormBody, formBoolean, type JsonBody, readFormBody, readJsonBody } from './body';
import { selectBridge } from './bridge';
import { type CacheDeps, getRoutingConfig } from './config-cache';
import type { EndpointSpec } from './endpoints';
import { execute, type Planned } from './execute';
import { clientAskedUsage } from './mutations';
import type { ProxyRequest } from './request';
import { failureResponse, successResponse } from './respond';

export function cacheDeps(c: Context<AppEnv>): CacheDeps {
  const config = c.get('config');
  return {
    d1: c.env.DB,
    db: c.get('db'),
    encryptionKey: config.ENCRYPTION_KEY,
    ttlMs: config.CONFIG_CACHE_TTL_MS,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  };
}

async function readBody(c: Context<AppEnv>, spec: EndpointSpec): Promise<JsonBody | FormBody> {
  const config = c.get('config');
  const type = c.req.header('content-type') ?? '';
  const form = spec.body === 'form' || (spec.body === 'json_or_form' && /^multipart\/form-data/i.test(type));
  return form
    ? readFormBody(c.req.raw, config.MAX_MULTIPART_BODY_BYTES)
    : readJsonBody(c.req.raw, config.MAX_JSON_BODY_BYTES);
}

function userIdOf(headers: Headers): string | null {
  const raw = headers.get('x-user-id')?.trim();
  return raw ? raw.slice(0, 255) : null;
}

/** Active links whose provider is active, by priority — replaced by the routing engine's plan. */
function staticCandidates(model: ModelConfig, providers: Map<number, Candidate['provider']>): Candidate[] {
  const out: Candidate[] = [];
  for (const link of model.links) {
    const provider = providers.get(link.providerId);
    if (link.isActive && provider?.isActive) out.push({ link, provider });
  }
  return out.sort((a, b) => a.link.priority - b.link.priority || a.link.id - b.link.id);
}

/** Handles one proxy request for an endpoint. */
export async function handleProxy(c: Context<AppEnv>, spec: EndpointSpec): Promise<Response> {
  const config = c.get('config');
  const deps = cacheDeps(c);
  const receivedAt = Date.now();
  const key = await authenticate(deps, c.req.raw.headers);
  const body = await readBody(c, spec);
  const fields = body.kind === 'json' ? body.json : body.fields;
  const model = fields.model;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new GatewayError('missing_model', 'The request must name a model (a non-empty "model" string)', {
      param: 'model',
    });
  }
  const stream =
    spec.streams && (body.kind === 'json' ? body.json.stream === true : formBoolean(body.fields.stream));
  const req: ProxyRequest = {
    spec,
    body,
    model,
    stream,
    clientAskedUsage: body.kind === 'json' && clientAskedUsage(body.json),
    headers: c.req.raw.headers,
    userId: userIdOf(c.req.raw.headers),
    key,
    traceId: c.get('traceId'),
    receivedAt,
    url: c.req.url,
    method: c.req.method,
    clientSignal: c.req.raw.signal,
  };
  let routing = await getRoutingConfig(deps);
  let modelConfig = routing.models.get(model);
  if (!modelConfig) {
    routing = await getRoutingConfig(deps, { fresh: true });
    modelConfig = routing.models.get(model);
  }
  if (!modelConfig)
    throw new GatewayError('model_not_found', `The model "${model}" does not exist`, { param: 'model' });
  if (!modelConfig.isActive) throw new GatewayError('model_disabled', `The model "${model}" is disabled`);
  const plan: Planned[] = [];
  for (const candidate of staticCandidates(modelConfig, routing.providers)) {
    const bridge = selectBridge(spec.id, spec.path, candidate.provider.implementation);
    if (bridge) plan.push({ candidate, bridge });
  }
  if (plan.length === 0) {
    throw new GatewayError(
      'no_available_provider',
      `No active provider can serve "${model}" on ${spec.path}`,
    );
  }
  const result = await execute(req, plan, config);
  if (!result.ok) return failureResponse(req, result.failed, result.deadlineHit);
  const retries = result.failed.length;
  const { response } = successResponse(req, result.ctx, result.success, retries, { onEnd: () => {} });
  return response;
}
