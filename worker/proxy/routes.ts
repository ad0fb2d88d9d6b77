// Owns the /v1 sub-app: one route per endpoint, the model list, and errors in each route's envelope.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { authenticate } from '../middleware/gateway-auth';
import { cacheDeps, getRoutingConfig } from './config-cache';
import { countMessageTokens } from './count-tokens';
import { ENDPOINTS } from './endpoints';
import { handleProxy } from './handler';

export const proxyApp = new Hono<AppEnv>();

proxyApp.post('/messages/count_tokens', countMessageTokens);

for (const spec of ENDPOINTS) {
  const path = spec.path.slice('/v1'.length);
  proxyApp.post(path, (c) => handleProxy(c, spec));
  proxyApp.on(['GET', 'PUT', 'PATCH', 'DELETE'], path, () => {
    throw new GatewayError('method_not_allowed', `Use POST for ${spec.path}`);
  });
}

function modelEntry(id: string, created: number) {
  return { id, object: 'model', created: Math.floor(created / 1000), owned_by: 'llm-gateway' };
}

proxyApp.get('/models', async (c) => {
  const deps = cacheDeps(c);
  await authenticate(deps, c.req.raw.headers, c.req.path);
  const routing = await getRoutingConfig(deps);
  const data = [...routing.models.values()]
    .filter((m) => m.isActive)
    .map((m) => modelEntry(m.requestedModel, m.createdAt))
    .sort((a, b) => a.id.localeCompare(b.id));
  return c.json({ object: 'list', data });
});

proxyApp.get('/models/:id{.+}', async (c) => {
  const deps = cacheDeps(c);
  await authenticate(deps, c.req.raw.headers, c.req.path);
  const id = c.req.param('id');
  let model = (await getRoutingConfig(deps)).models.get(id);
  if (!model) model = (await getRoutingConfig(deps, { fresh: true })).models.get(id);
  if (!model?.isActive)
    throw new GatewayError('model_not_found', `The model "${id}" does not exist`, { param: 'model' });
  return c.json(modelEntry(model.requestedModel, model.createdAt));
});
