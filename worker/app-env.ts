// Owns the Hono context typing shared by every sub-app: bindings and per-request variables.
import type { Db } from './db/client';
import type { Config, Env } from './env';

export interface AppVariables {
  traceId: string;
  config: Config;
  db: Db;
  /** Admin subject when admin auth is on and the token is valid. */
  adminUser?: string;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
