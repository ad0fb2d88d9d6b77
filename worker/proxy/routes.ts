// Owns the /v1 sub-app: one route per endpoint, the model list, and errors in each route's envelope.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { gatewayAuth } from '../middleware/gateway-auth';
import { ENDPOINTS } from '../protocols/endpoints';
import { countMessageTokens } from './count-tokens';
import { handleProxy } from './handler';
import { mountResponsesRoutes } from './responses-routes';

export const proxyApp = new Hono<AppEnv>();

// Per route, not `use('*')`: an unknown path or method is a 404/405, whether or not a key came with it.
const auth = gatewayAuth();

proxyApp.post('/messages/count_tokens', auth, countMessageTokens);
mountResponsesRoutes(proxyApp, auth);

for (const spec of ENDPOINTS) {
  const path = spec.path.slice('/v1'.length);
  proxyApp.post(path, auth, (c) => handleProxy(c, spec));
  proxyApp.on(['GET', 'PUT', 'PATCH', 'DELETE'], path, () => {
    throw new GatewayError('method_not_allowed', `Use POST for ${spec.path}`);
  });
}

function modelEntry(id: string, created: number) {
  return { id, object: 'model', created: Math.floor(created / 1000), owned_by: 'llm-gateway' };
}

proxyApp.get('/models', auth, async (c) => {
  const data = [...c.get('routing').models.values()]
    .filter((m) => m.isActive)
    .map((m) => modelEntry(m.requestedModel, m.createdAt))
    .sort((a, b) => a.id.localeCompare(b.id));
  return c.json({ object: 'list', data });
});

proxyApp.get('/models/:id{.+}', auth, async (c) => {
  const id = c.req.param('id');
  let model = c.get('routing').models.get(id);
  if (!model) model = (await c.get('config').routing({ fresh: true })).models.get(id);
  if (!model?.isActive)
    throw new GatewayError('model_not_found', `The model "${id}" does not exist`, { param: 'model' });
  return c.json(modelEntry(model.requestedModel, model.createdAt));
});
