// Owns the per-isolate cache of the routing config and gateway keys, re-read when the config version moves.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { readConfigVersion } from '../db/queries/config-version';
import { type ApiKeyRow, apiKeys } from '../db/schema';
import type { RoutingConfig } from '../routing/types';
import { loadRoutingConfig } from './load';

interface CacheState {
  config: RoutingConfig;
  checkedAt: number;
  /** Key rows by hash; null = no such key at this state's config version (a negative entry). */
  keys: Map<string, ApiKeyRow | null>;
  refreshing?: Promise<void>;
  /** Set by admin writes in this isolate: the next read re-checks the version before answering. */
  dirty: boolean;
}

const states = new WeakMap<D1Database, CacheState>();
/** How often an unknown key may make this isolate re-check the config version. */
export const NEGATIVE_RECHECK_MS = 1000;

/** What the cache needs from one request. */
export interface CacheDeps {
  d1: D1Database;
  db: Db;
  encryptionKey: string;
  ttlMs: number;
  waitUntil: (p: Promise<unknown>) => void;
}

async function load(db: Db, encryptionKey: string): Promise<CacheState> {
  const config = await loadRoutingConfig(db, encryptionKey);
  return { config, checkedAt: Date.now(), keys: new Map(), dirty: false };
}

async function refresh(deps: CacheDeps, state: CacheState): Promise<void> {
  const version = await readConfigVersion(deps.db);
  if (version !== state.config.version) {
    states.set(deps.d1, await load(deps.db, deps.encryptionKey));
  } else {
    state.checkedAt = Date.now();
    state.dirty = false;
  }
}

/**
 * The routing config. Cold: loaded from D1. Warm: served from memory;
 * past the TTL the version is checked in the background, so the hot path never waits on D1.
 */
async function routingConfig(deps: CacheDeps, fresh: boolean): Promise<RoutingConfig> {
  let state = states.get(deps.d1);
  if (!state) {
    // Each cold request loads for itself: awaiting another request's load promise risks the runtime
    // cancelling this request's continuation if that request goes away first.
    state = await load(deps.db, deps.encryptionKey);
    states.set(deps.d1, states.get(deps.d1) ?? state);
    return state.config;
  }
  if (fresh || state.dirty) {
    await refresh(deps, state);
    return (states.get(deps.d1) ?? state).config;
  }
  if (Date.now() - state.checkedAt > deps.ttlMs && !state.refreshing) {
    const current = state;
    current.refreshing = refresh(deps, current)
      .catch((err) => console.warn('config refresh failed; serving the cached config', err))
      .finally(() => {
        current.refreshing = undefined;
      });
    deps.waitUntil(current.refreshing);
  }
  return state.config;
}

/** The shared configuration as one request sees it (`c.var.config`). */
export interface ConfigService {
  /** The routing config; `fresh` re-checks the version in D1 first (a miss that may be a new row). */
  routing(opts?: { fresh?: boolean }): Promise<RoutingConfig>;
  /** A gateway key's row by hash: memory first, D1 once per key per config version. */
  apiKey(keyHash: string, opts?: { fresh?: boolean }): Promise<ApiKeyRow | null>;
  /** Marks this isolate's cache stale after an admin write, so its own next request sees the change. */
  markDirty(): void;
}

/** The config service for one request: the cached config is looked up at most once unless asked fresh. */
export function configService(deps: CacheDeps): ConfigService {
  let current: RoutingConfig | null = null;
  const routing = async (opts: { fresh?: boolean } = {}) => {
    if (current && !opts.fresh) return current;
    current = await routingConfig(deps, opts.fresh ?? false);
    return current;
  };
  return {
    routing,
    async apiKey(keyHash, opts = {}) {
      const known = states.get(deps.d1)?.keys.get(keyHash);
      // A key unknown at the current version stays unknown until the version moves (every key write
      // bumps it), so a spray of bad keys re-checks only the version, at most once per interval.
      const negative = known === null && opts.fresh;
      const recheck = negative
        ? Date.now() - (states.get(deps.d1)?.checkedAt ?? 0) > NEGATIVE_RECHECK_MS
        : true;
      await routing({ fresh: opts.fresh && recheck });
      const state = states.get(deps.d1);
      if (!state) return null;
      if ((!opts.fresh || negative) && state.keys.has(keyHash)) return state.keys.get(keyHash) ?? null;
      const row = (await deps.db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).get()) ?? null;
      if (state.keys.size > 10_000) state.keys.clear();
      state.keys.set(keyHash, row);
      return row;
    },
    markDirty() {
      const state = states.get(deps.d1);
      if (state) state.dirty = true;
    },
  };
}
