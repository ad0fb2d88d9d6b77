// Owns the per-isolate cache of the routing config and gateway keys, re-read when the config version moves.
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/client';
import { readConfigVersion } from '../db/queries/config-version';
import { loadRoutingConfig, type RoutingConfig } from '../db/queries/routing-config';
import { type ApiKeyRow, apiKeys } from '../db/schema';

interface CacheState {
  config: RoutingConfig;
  checkedAt: number;
  keys: Map<string, ApiKeyRow | null>;
  refreshing?: Promise<void>;
  /** Set by admin writes in this isolate: the next read re-checks the version before answering. */
  dirty: boolean;
}

const states = new WeakMap<D1Database, CacheState>();

async function load(db: Db, encryptionKey: string): Promise<CacheState> {
  const config = await loadRoutingConfig(db, encryptionKey);
  return { config, checkedAt: Date.now(), keys: new Map(), dirty: false };
}

async function refresh(d1: D1Database, db: Db, encryptionKey: string, state: CacheState): Promise<void> {
  const version = await readConfigVersion(db);
  if (version !== state.config.version) {
    states.set(d1, await load(db, encryptionKey));
  } else {
    state.checkedAt = Date.now();
    state.dirty = false;
  }
}

/** The cache's dependencies for one request. */
export function cacheDeps(c: Context<AppEnv>): CacheDeps {
  const config = c.get('config');
  return {
    d1: c.env.DB,
    db: c.get('db'),
    encryptionKey: config.ENCRYPTION_KEY,
    ttlMs: config.CONFIG_CACHE_TTL_MS,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  };
}

export interface CacheDeps {
  d1: D1Database;
  db: Db;
  encryptionKey: string;
  ttlMs: number;
  waitUntil: (p: Promise<unknown>) => void;
}

/**
 * The routing config. Cold: loaded from D1. Warm: served from memory;
 * past the TTL the version is checked in the background, so the hot path never waits on D1.
 */
export async function getRoutingConfig(
  deps: CacheDeps,
  opts: { fresh?: boolean } = {},
): Promise<RoutingConfig> {
  let state = states.get(deps.d1);
  if (!state) {
    // Each cold request loads for itself: awaiting another request's load promise risks the runtime
    // cancelling this request's continuation if that request goes away first.
    state = await load(deps.db, deps.encryptionKey);
    states.set(deps.d1, states.get(deps.d1) ?? state);
    return state.config;
  }
  if (opts.fresh || state.dirty) {
    await refresh(deps.d1, deps.db, deps.encryptionKey, state);
    return (states.get(deps.d1) ?? state).config;
  }
  if (Date.now() - state.checkedAt > deps.ttlMs && !state.refreshing) {
    const current = state;
    current.refreshing = refresh(deps.d1, deps.db, deps.encryptionKey, current)
      .catch((err) => console.warn('config refresh failed; serving the cached config', err))
      .finally(() => {
        current.refreshing = undefined;
      });
    deps.waitUntil(current.refreshing);
  }
  return state.config;
}

/** Looks a gateway key up by hash: memory first, D1 once per key per config version. */
export async function findApiKey(deps: CacheDeps, keyHash: string, opts: { fresh?: boolean } = {}) {
  await getRoutingConfig(deps, opts);
  const state = states.get(deps.d1);
  if (!state) return null;
  if (!opts.fresh && state.keys.has(keyHash)) return state.keys.get(keyHash) ?? null;
  const row = (await deps.db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).get()) ?? null;
  if (state.keys.size > 10_000) state.keys.clear();
  state.keys.set(keyHash, row);
  return row;
}

/** Marks this isolate's cache stale after an admin write, so its own next request sees the change. */
export function markConfigDirty(d1: D1Database): void {
  const state = states.get(d1);
  if (state) state.dirty = true;
}
