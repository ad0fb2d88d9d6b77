// Owns the gateway under test: Miniflare options equal to wrangler.toml, migrations, and admin-API setup.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from 'wrangler';
import type { RunningWorker, WorkerOptions } from './miniflare-worker.ts';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Local-run variables (as `npm run dev` sets them) plus two failover settings: one try per provider,
 * like the peer's fallback config, and a health threshold never reached, so every failover request
 * really meets the failing provider first instead of it being demoted after six failures.
 */
export const BENCH_VARS: Record<string, string> = {
  ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  ALLOW_PRIVATE_IP_PROVIDER: 'true',
  ADMIN_AUTH_DISABLED: 'true',
  RETRY_MAX_ATTEMPTS: '1',
  PROVIDER_HEALTH_MIN_SAMPLES: '1000000',
};

/** wrangler.toml's bindings (D1, DO, Queue + DLQ, R2) and [vars], for the given bundle. */
export function gatewayOptions(scriptPath: string, vars: Record<string, string> = {}): WorkerOptions {
  const configPath = path.join(root, 'wrangler.toml');
  const config = unstable_readConfig({ config: configPath });
  // Its note about a developer's .dev.vars is noise here: those values are replaced below.
  const logLevel = process.env.WRANGLER_LOG;
  process.env.WRANGLER_LOG = 'error';
  const { workerOptions } = unstable_getMiniflareWorkerOptions(config);
  if (logLevel === undefined) delete process.env.WRANGLER_LOG;
  else process.env.WRANGLER_LOG = logLevel;
  // Only the proxy path is measured: no dashboard assets (its router hop runs at the edge in production),
  // no crons; variables come from wrangler.toml and BENCH_VARS, never from a developer's .dev.vars.
  // modulesRules/rootPath only matter to un-bundled sources; the bundle is one module.
  const { assets, cronTriggers, bindings, modulesRules, rootPath, ...rest } = workerOptions;
  return {
    ...(rest as WorkerOptions),
    name: 'llm-gateway',
    modules: true,
    scriptPath,
    modulesRoot: path.dirname(scriptPath),
    bindings: { ...(config.vars as Record<string, string>), ...BENCH_VARS, ...vars },
  };
}

/**
 * Applies `migrations/*.sql` in order, statement by statement, as `wrangler d1 migrations apply` does;
 * those of `sourceRoot` for a gateway built from another checkout (its code expects its own schema).
 */
export async function applyMigrations(worker: RunningWorker, sourceRoot = root): Promise<void> {
  const db = await worker.mf.getD1Database('DB');
  const dir = path.join(sourceRoot, 'migrations');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    const statements = readFileSync(path.join(dir, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter(Boolean);
    await db.batch(statements.map((s) => db.prepare(s)));
  }
}

/** Index rows the log consumer has written to D1 so far. */
export async function logRowCount(worker: RunningWorker): Promise<number> {
  const db = await worker.mf.getD1Database('DB');
  const row = await db.prepare('SELECT COUNT(*) AS n FROM request_logs').first<{ n: number }>();
  return row?.n ?? 0;
}

async function admin(base: string, route: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/api/admin${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /api/admin${route} → ${res.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

export const GATEWAY_MODEL = 'bench-gpt';
export const FAILOVER_MODEL = 'bench-failover';
/** The same provider as GATEWAY_MODEL with the response cache on (the cache scenario). */
export const CACHED_MODEL = 'bench-cached';
/** Round-robin over two providers on the mock: the model whose plan comes from the balancer replica. */
export const BALANCED_MODEL = 'bench-balanced';

/**
 * The README walkthrough against the mock: one model on one provider (and the same with the cache on),
 * a model on two providers, a failover model, and a key.
 */
export async function configureGateway(base: string, mockUrl: string, name: string): Promise<string> {
  const provider = async (suffix: string) =>
    (
      await admin(base, '/providers', {
        name: `${name}-${suffix}`,
        protocol: 'openai',
        base_url: `${mockUrl}/p/${name}-${suffix}/v1`,
        api_key: 'sk-bench-upstream-key',
      })
    ).id as number;
  const main = await provider('main');
  for (const [model, cache] of [
    [GATEWAY_MODEL, {}],
    [CACHED_MODEL, { cache_ttl_seconds: 3600 }],
  ] as const) {
    await admin(base, '/models', { requested_model: model, strategy: 'round_robin', ...cache });
    await admin(base, '/model-providers', {
      requested_model: model,
      provider_id: main,
      target_model_name: 'gpt-4o-mini',
    });
  }
  // Two links: the request plans from the isolate's replica of the model's balancer object.
  const second = await provider('second');
  await admin(base, '/models', { requested_model: BALANCED_MODEL, strategy: 'round_robin' });
  for (const id of [main, second]) {
    await admin(base, '/model-providers', {
      requested_model: BALANCED_MODEL,
      provider_id: id,
      target_model_name: 'gpt-4o-mini',
    });
  }
  // Failover: the lowest priority value is tried first; its target model makes the mock answer 500.
  const failing = await provider('fail');
  const healthy = await provider('ok');
  await admin(base, '/models', { requested_model: FAILOVER_MODEL, strategy: 'priority' });
  for (const [id, priority, target] of [
    [failing, 0, 'mock-status-500'],
    [healthy, 1, 'gpt-4o-mini'],
  ] as const) {
    await admin(base, '/model-providers', {
      requested_model: FAILOVER_MODEL,
      provider_id: id,
      target_model_name: target,
      priority,
    });
  }
  const key = await admin(base, '/api-keys', { key_name: `${name} bench` });
  return key.key_value as string;
}

/**
 * A key with every limit set and none ever reached, so each request takes the whole governance path
 * (rates, tokens, a concurrency slot, a budget reservation settled by the consumer) and is never refused.
 */
export async function limitedKey(base: string, name: string): Promise<string> {
  const key = await admin(base, '/api-keys', {
    key_name: `${name} limited bench`,
    rpm_limit: 1_000_000_000,
    tpm_limit: 1_000_000_000,
    concurrency_limit: 1_000_000,
    budget_usd: 1_000_000_000,
    budget_period: 'month',
  });
  return key.key_value as string;
}
