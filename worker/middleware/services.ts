// Owns the per-request services in c.var: validated settings, the drizzle client, the shared config, the in-process gateway.
import type { ExecutionContext, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { configService } from '../config/cache';
import { createDb, type Db } from '../db/client';
import type { Env } from '../env';
import { loadSettings } from '../env';
import { GatewayError } from '../errors';

const dbs = new WeakMap<D1Database, Db>();

export interface ServicesOptions {
  /** Runs a request through the whole app in-process (the root app hands itself in). */
  gateway: (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;
}

/** Validates the env once per isolate and exposes the request's services to handlers. */
export function services(options: ServicesOptions): MiddlewareHandler<AppEnv> {
  return async function servicesMiddleware(c, next) {
    let settings: AppEnv['Variables']['settings'];
    try {
      settings = loadSettings(c.env);
    } catch (err) {
      throw new GatewayError('internal_error', (err as Error).message);
    }
    c.set('settings', settings);
    let db = dbs.get(c.env.DB);
    if (!db) {
      db = createDb(c.env.DB);
      dbs.set(c.env.DB, db);
    }
    c.set('db', db);
    c.set(
      'config',
      configService({
        d1: c.env.DB,
        db,
        encryptionKey: settings.ENCRYPTION_KEY,
        ttlMs: settings.CONFIG_CACHE_TTL_MS,
        waitUntil: (p) => c.executionCtx.waitUntil(p),
      }),
    );
    c.set('callGateway', async (request) => options.gateway(request, c.env, c.executionCtx));
    await next();
  };
}
