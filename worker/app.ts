// Owns the root Hono app: trace id, error rendering, and the mounting of /v1, /api and the dashboard.
import { Hono } from 'hono';
import type { Env } from './env';
import { GatewayError, renderError, surfaceForPath, toGatewayError } from './errors';

export type AppEnv = { Bindings: Env; Variables: { traceId: string } };

export const app = new Hono<AppEnv>();

app.use('*', async (c, next) => {
  c.set('traceId', crypto.randomUUID());
  await next();
  c.res.headers.set('x-gateway-trace-id', c.get('traceId'));
});

app.get('/health', (c) => c.json({ status: 'healthy' }));

app.notFound((c) => {
  const surface = surfaceForPath(c.req.path);
  return renderError(
    new GatewayError('not_found', `No route for ${c.req.method} ${c.req.path}`),
    surface,
    c.get('traceId'),
  );
});

app.onError((err, c) => {
  const gatewayError = toGatewayError(err);
  if (gatewayError.code === 'internal_error') console.error('unhandled error', err);
  return renderError(gatewayError, surfaceForPath(c.req.path), c.get('traceId'));
});
