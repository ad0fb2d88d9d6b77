// Owns the Worker's bindings and variables: their types and the zod check that runs before anything else.
import { z } from 'zod';
import type { BalancerRpc } from './balancer/schemas';
import type { AdminGuardRpc } from './guard/rpc';
import type { InFlightRpc } from './inflight/schemas';
import { fromBase64 } from './lib/encoding';
import type { LimiterRpc } from './limits/schemas';

/** Raw bindings as the runtime hands them over. */
export interface Env {
  DB: D1Database;
  BALANCER: DurableObjectNamespace<BalancerRpc>;
  ADMIN_GUARD: DurableObjectNamespace<AdminGuardRpc>;
  /** The in-flight registry shards (absent: running requests are neither listed nor cancellable). */
  IN_FLIGHT?: DurableObjectNamespace<InFlightRpc>;
  /** The limiters of keys, users and models (absent: limits cannot be checked, LIMITS_FAIL_MODE decides). */
  LIMITER?: DurableObjectNamespace<LimiterRpc>;
  LOG_QUEUE: Queue;
  /** Continuations of background jobs (retention, the rollup backfill). */
  JOBS_QUEUE: Queue;
  LOG_BUCKET: R2Bucket;
  /** Stored Responses (`store`), one object per response; a lifecycle rule expires them. */
  RESPONSES_BUCKET: R2Bucket;
  ASSETS?: Fetcher;
  /** Gemini thought signatures by tool-call id (optional: without it only in-band signatures survive). */
  THOUGHT_SIGNATURES?: KVNamespace;
  /** Workers AI (optional: only providers of protocol `workers_ai` need it). */
  AI?: unknown;
  [key: string]: unknown;
}

function is32Bytes(value: string): boolean {
  try {
    return fromBase64(value).length === 32;
  } catch {
    return false;
  }
}

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v ? v : undefined));

const settingsSchema = z
  .object({
    ENCRYPTION_KEY: z
      .string({
        error:
          'ENCRYPTION_KEY is not set: run `wrangler secret put ENCRYPTION_KEY` (32 random bytes, base64)',
      })
      .min(1, 'ENCRYPTION_KEY is empty')
      .refine(
        is32Bytes,
        'ENCRYPTION_KEY must be 32 random bytes, base64 encoded (e.g. `openssl rand -base64 32`)',
      ),
    ADMIN_USERNAME: optionalSecret,
    ADMIN_PASSWORD: optionalSecret,
    /** A bearer token Prometheus scrapes /metrics with (admin tokens expire); unset: admin tokens only. */
    METRICS_TOKEN: optionalSecret,
    ADMIN_AUTH_DISABLED: bool,
    ADMIN_TOKEN_TTL_SECONDS: int(86400, 60),
    ALLOW_PRIVATE_IP_PROVIDER: bool,
    ALLOWED_ORIGINS: z.string().default(''),
    API_KEY_PREFIX: z.string().default('lgw-'),
    RETRY_MAX_ATTEMPTS: int(3, 1),
    RETRY_DELAY_MS: int(1000),
    REQUEST_DEADLINE_MS: int(600_000, 1000),
    CONFIG_CACHE_TTL_MS: int(5000),
    BALANCER_DEADLINE_MS: int(100, 1),
    /** How stale an isolate's balancer replica may get before it refreshes in the background. */
    BALANCER_SYNC_MS: int(1000, 50),
    /** Bench only: the balancer object answers this much later (shows the hot path never waits). */
    BALANCER_BENCH_DELAY_MS: int(0),
    MAX_JSON_BODY_BYTES: int(10 * 1024 * 1024, 1024),
    MAX_MULTIPART_BODY_BYTES: int(32 * 1024 * 1024, 1024),
    LOG_RETENTION_DAYS: int(30, 1),
    LOG_DETAIL_RETENTION_DAYS: int(7, 1),
    ROLLUP_RETENTION_DAYS: int(400, 1),
    PROVIDER_HEALTH_WINDOW_SECONDS: int(600, 1),
    PROVIDER_HEALTH_MIN_SAMPLES: int(6, 1),
    PROVIDER_HEALTH_FAILURE_RATE_THRESHOLD: z.coerce.number().gt(0).max(1).default(0.5),
    PROVIDER_HEALTH_PROBE_INTERVAL_SECONDS: int(30, 1),
    /** The MCP server's write tools (create/update/delete, cancel) run only when this is true. */
    MCP_ALLOW_WRITE: bool,
    /** How often an isolate with running requests syncs them with its registry shard (and hears of cancels). */
    INFLIGHT_SYNC_MS: int(1000, 50),
    INFLIGHT_SHARDS: int(4, 1),
    THOUGHT_SIGNATURE_TTL_SECONDS: int(7 * 86400, 60),
    RESPONSES_TTL_DAYS: int(30, 1),
    /** What a limiter that cannot be asked means: `default` = budgets refuse, rates admit; or `open`/`closed`. */
    LIMITS_FAIL_MODE: z.enum(['default', 'open', 'closed']).default('default'),
    /** How long a request may wait for a limiter (only when its slice is new or used up). */
    LIMITS_DEADLINE_MS: int(300, 1),
  })
  .refine((c) => c.LOG_DETAIL_RETENTION_DAYS <= c.LOG_RETENTION_DAYS, {
    message: 'LOG_DETAIL_RETENTION_DAYS must not exceed LOG_RETENTION_DAYS',
  });

/** Validated configuration derived from the variables and secrets. */
export type Settings = z.output<typeof settingsSchema>;

const cache = new WeakMap<object, Settings>();

/** Parses and caches the configuration for one env object; throws a readable error on bad values. */
export function loadSettings(env: Env): Settings {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
    throw new Error(`Invalid gateway configuration: ${detail}`);
  }
  cache.set(env, parsed.data);
  return parsed.data;
}
