// Owns the per-request services in c.var: validated config and the drizzle client.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env';
import { createDb, type Db } from '../db/client';
import { loadConfig } from '../env';
import { GatewayError } from '../errors';

const dbs = new WeakMap<D1Database, Db>();

/** Validates the env once per isolate and exposes `config` and `db` to handlers. */
export function services(): MiddlewareHandler<AppEnv> {
  return async function servicesMiddleware(c, next) {
    try {
      c.set('config', loadConfig(c.env));
    } catch (err) {
      throw new GatewayError('internal_error', (err as Error).message);
    }
    let db = dbs.get(c.env.DB);
    if (!db) {
      db = createDb(c.env.DB);
      dbs.set(c.env.DB, db);
    }
    c.set('db', db);
    await next();
  };
}
