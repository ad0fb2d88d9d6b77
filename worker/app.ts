// Owns the root Hono app: trace id, services, error rendering, and the mounting of /v1, /v1beta, /api, /mcp, /metrics and the dashboard.
import { Hono } from 'hono';
import { adminApp } from './admin';
import { metricsRoutes } from './admin/metrics';
import type { AppEnv } from './app-env';
import { GatewayError, renderError, surfaceForPath, toGatewayError } from './errors';
import { mcpApp } from './mcp/routes';
import { cors } from './middleware/cors';
import { services } from './middleware/services';
import { geminiApp } from './proxy/gemini-routes';
import { proxyApp } from './proxy/routes';

export const app = new Hono<AppEnv>();

app.use('*', async (c, next) => {
  c.set('receivedAt', Date.now());
  c.set('traceId', crypto.randomUUID());
  await next();
  c.res.headers.set('x-gateway-trace-id', c.get('traceId'));
});

app.get('/health', (c) => c.json({ status: 'healthy' }));

// The admin plane calls the gateway in-process through `c.var.callGateway`; it never imports this app.
const withServices = services({ gateway: (request, env, ctx) => app.fetch(request, env, ctx) });
app.use('/api/*', withServices, cors());
app.use('/v1/*', withServices, cors());
app.use('/mcp', withServices);
app.use('/metrics', withServices);
app.use('/v1beta/*', withServices, cors());
app.route('/api', adminApp);
app.route('/v1', proxyApp);
app.route('/v1beta', geminiApp);
app.route('/mcp', mcpApp);
app.route('/metrics', metricsRoutes);

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
