// Owns the Hono context typing shared by every sub-app: bindings and per-request variables.
import type { ConfigService } from './config/cache';
import type { Db } from './db/client';
import type { Env, Settings } from './env';
import type { KeyLimits } from './limits/types';
import type { RoutingConfig } from './routing/types';

/** The gateway key a /v1 request authenticated with. */
export interface GatewayKey {
  /** Null for the dashboard's own requests. */
  id: number | null;
  name: string;
  recordDetails: boolean;
  /** The key's response-cache purge counter (part of its cache namespace). */
  cacheGeneration: number;
  /** The presented key, kept only to mask it wherever it might be echoed. */
  secret: string;
  /** Its limits and allow-list (SPEC §15), or null: a key without limits skips governance entirely. */
  limits: KeyLimits | null;
}

export interface AppVariables {
  traceId: string;
  /** Epoch ms when the request reached the Worker. */
  receivedAt: number;
  settings: Settings;
  db: Db;
  /** The shared routing config and gateway keys, cached per isolate. */
  config: ConfigService;
  /** Sends a request through the whole gateway in-process (admin playground, model test, log retry). */
  callGateway: (request: Request) => Promise<Response>;
  /** Admin subject when admin auth is on and the token is valid. */
  adminUser?: string;
  /** Set when the MCP server dispatches an admin call: the audit log names its key as the actor. */
  auditActor?: { name: string; keyId: number };
  /** On /v1 routes: the authenticated gateway key and the routing config it was checked against. */
  key: GatewayKey;
  routing: RoutingConfig;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
