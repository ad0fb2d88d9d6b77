// Owns a request's response-cache session: the decision, the key, a shared flight, the lookup, and the status headers.
import { type CacheEntry, isFresh } from '../cache/entry';
import { awaitFlight, type Flight, joinFlight, landFlight, releaseFlight } from '../cache/flights';
import { cacheKey } from '../cache/key';
import { recall, remember } from '../cache/memory';
import { cacheDecision } from '../cache/policy';
import { type AnswerStore, cacheApiStore } from '../cache/store';
import type { LogDetail } from '../logging/record';
import type { ModelConfig } from '../routing/types';
import type { ProxyRequest } from './request';

export type CacheStatus = 'HIT' | 'MISS' | 'BYPASS';

/** What the cache did for one request; the journal keeps it for the log record. */
export interface CacheSession {
  status: CacheStatus;
  /** Why a request bypassed the cache. */
  reason?: string;
  key?: string;
  ttlSeconds?: number;
  /** A HIT's answer. */
  entry?: CacheEntry;
  /**
   * Where a HIT's answer came from: this isolate's memory, the Cache API, or an identical request's
   * upstream call it waited for (coalesced).
   */
  source?: 'memory' | 'storage' | 'flight';
  /** A MISS that leads a flight: identical requests wait for its answer. */
  flight?: Flight;
  store?: AnswerStore;
  /** The model the request named (a HIT prices its saved cost with it). */
  model?: ModelConfig;
  /** Epoch ms when a HIT's response was ready. */
  servedAt?: number;
  /** A HIT's provider secrets (of the link that produced it): masked in its log record like a live answer's. */
  secrets?: string[];
}

/** How many times a request follows a flight that failed before it goes upstream on its own. */
const MAX_FOLLOWS = 2;

export interface OpenCacheOptions {
  /** The model as the isolate's config knows it; undefined lets planning say what is wrong. */
  model: ModelConfig | undefined;
  /** An admin log retry or a dashboard model test. */
  replay: boolean;
  /** Epoch ms by which the request must be answered. */
  deadline: number;
}

function hit(base: CacheSession, entry: CacheEntry, source: CacheSession['source']): CacheSession {
  return { ...base, status: 'HIT', entry, source, flight: undefined };
}

/**
 * The cache session of a request, or null when caching is off for it (no hashing, lookup or copy).
 * A HIT carries the entry; a MISS leads the flight identical requests in this isolate wait for.
 */
export async function openCache(req: ProxyRequest, opts: OpenCacheOptions): Promise<CacheSession | null> {
  const { model } = opts;
  if (!model?.isActive) return null;
  const json = req.body.kind === 'json' ? req.body.json : null;
  const decision = cacheDecision(model.cache, {
    endpoint: req.spec.id,
    headers: req.headers,
    json,
    replay: opts.replay,
  });
  if (!decision) return null;
  if (!decision.use) return { status: 'BYPASS', reason: decision.reason, model };
  const key = await cacheKey({
    scope: decision.scope,
    keyId: req.key.id,
    keyGeneration: req.key.cacheGeneration,
    endpoint: req.spec.id,
    model: req.model,
    modelGeneration: decision.generation,
    body: json ?? {},
  });
  const store = cacheApiStore(new URL(req.url).origin);
  const base: CacheSession = { status: 'MISS', key, ttlSeconds: decision.ttlSeconds, store, model };
  const fresh = (entry: CacheEntry | null): entry is CacheEntry =>
    entry !== null && isFresh(entry, decision.ttlSeconds);
  const known = recall(key, decision.ttlSeconds);
  if (known) return hit(base, known, 'memory');
  for (let follows = 0; ; follows++) {
    const { leader, flight } = joinFlight(key, opts.deadline);
    if (leader) {
      // Leading before the read: identical requests arriving meanwhile wait instead of reading too.
      const stored = await store.get(key);
      if (fresh(stored)) {
        landFlight(key, flight, stored);
        releaseFlight(key, flight);
        remember(key, stored);
        return hit(base, stored, 'storage');
      }
      return { ...base, flight };
    }
    if (follows >= MAX_FOLLOWS) return base;
    const waited = flight.state === 'running';
    const shared = await awaitFlight(flight, opts.deadline - Date.now(), req.clientSignal);
    if (fresh(shared)) return hit(base, shared, waited ? 'flight' : 'memory');
    // The leader failed: try again (usually as the new leader) unless this request is over.
    if (req.clientSignal?.aborted || Date.now() >= opts.deadline) return base;
  }
}

/** The `cache` block of a record's detail: what the cache did and where a HIT's answer came from. */
export function cacheDetail(session: CacheSession | null): LogDetail['cache'] {
  if (!session) return null;
  const entry = session.entry;
  return {
    status: session.status,
    reason: session.reason ?? null,
    key: session.key ?? null,
    ttl_seconds: session.ttlSeconds ?? null,
    stored_by_trace_id: entry?.traceId ?? null,
    stored_at: entry ? new Date(entry.createdAt).toISOString() : null,
    stored_from_provider: entry?.providerName ?? null,
    stored_from_model: entry?.targetModel ?? null,
    stored_protocol: entry?.protocol ?? null,
    stored_as_stream: entry?.stream ?? null,
    coalesced: session.source === 'flight' ? true : session.entry ? false : null,
    source: session.source ?? null,
  };
}
