// Owns CORS for a separately hosted dashboard: only origins on the ALLOWED_ORIGINS list get headers.
import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import type { AppEnv } from '../app-env';

const handlers = new Map<string, MiddlewareHandler>();

/** CORS with the configured allow-list; with an empty list no CORS headers are sent at all. */
export function cors(): MiddlewareHandler<AppEnv> {
  return async function corsMiddleware(c, next) {
    const list = c.get('settings').ALLOWED_ORIGINS;
    if (!list.trim()) return next();
    let handler = handlers.get(list);
    if (!handler) {
      const origins = list
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean);
      handler = honoCors({
        origin: (origin) => (origins.includes(origin) ? origin : null),
        allowHeaders: [
          'authorization',
          'content-type',
          'x-api-key',
          'x-admin-token',
          'anthropic-version',
          'x-user-id',
          'x-gateway-cache-ttl',
          'x-gateway-skip-cache',
          'cf-aig-cache-ttl',
          'cf-aig-skip-cache',
        ],
        exposeHeaders: [
          'x-gateway-trace-id',
          'x-gateway-replay-trace-id',
          'x-gateway-provider',
          'x-gateway-model',
          'x-gateway-retries',
          'x-gateway-cache',
          'cf-aig-cache-status',
        ],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        maxAge: 600,
      });
      handlers.set(list, handler);
    }
    return handler(c, next);
  };
}
