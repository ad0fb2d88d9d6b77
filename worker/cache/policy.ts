// Owns whether a request uses the response cache: the model's settings, the request's cache headers, and what can be cached.
import { GatewayError } from '../errors';
import type { EndpointId } from '../protocols/endpoints';
import { isObject } from '../protocols/shared/json';
import type { JsonObject } from '../protocols/types';
import { type CacheScope, MAX_CACHE_TTL_SECONDS, type ModelCacheSettings } from '../routing/types';

/** Our header first, then Cloudflare AI Gateway's name for the same thing (accepted as an alias). */
export const TTL_HEADERS = ['x-gateway-cache-ttl', 'cf-aig-cache-ttl'] as const;
export const SKIP_HEADERS = ['x-gateway-skip-cache', 'cf-aig-skip-cache'] as const;

/** The endpoints whose answers are cached: JSON in, one answer out (SPEC §18). */
const CACHEABLE: ReadonlySet<EndpointId> = new Set([
  'chat',
  'completions',
  'messages',
  'responses',
  'embeddings',
]);

/** Responses fields whose answer depends on state kept elsewhere: the same body can mean another question. */
const STATEFUL_RESPONSES_FIELDS = ['previous_response_id', 'conversation'] as const;

export type CacheDecision =
  | { use: true; ttlSeconds: number; scope: CacheScope; generation: number }
  | { use: false; reason: string };

/** What the decision needs from the request, read before any hashing. */
export interface CacheRequest {
  endpoint: EndpointId;
  headers: Headers;
  /** The JSON body, or null for a form body. */
  json: JsonObject | null;
  /** An admin log retry or a dashboard model test: they exist to reach the provider. */
  replay: boolean;
}

function header(headers: Headers, names: readonly string[]): { name: string; value: string } | null {
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) return { name, value: value.trim() };
  }
  return null;
}

function parseTtl(found: { name: string; value: string }): number {
  if (!/^\d{1,9}$/.test(found.value) || Number(found.value) > MAX_CACHE_TTL_SECONDS) {
    throw new GatewayError(
      'invalid_request',
      `${found.name} must be a whole number of seconds between 0 and ${MAX_CACHE_TTL_SECONDS}`,
    );
  }
  return Number(found.value);
}

function parseSkip(found: { name: string; value: string } | null): boolean {
  if (!found) return false;
  const value = found.value.toLowerCase();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0' || value === '') return false;
  throw new GatewayError('invalid_request', `${found.name} must be true or false`);
}

function uncacheable(req: CacheRequest): string | null {
  if (!CACHEABLE.has(req.endpoint)) return `${req.endpoint} answers are not cached`;
  if (!req.json) return 'form bodies are not cached';
  if (req.replay) return 'admin replays and model tests always reach the provider';
  if (req.endpoint === 'responses') {
    if (STATEFUL_RESPONSES_FIELDS.some((f) => req.json?.[f] != null))
      return 'a Responses request that continues stored state is not cached';
    if (req.json.background === true) return 'background Responses are not cached';
    const input = req.json.input;
    if (Array.isArray(input) && input.some((i) => isObject(i) && i.type === 'item_reference'))
      return 'a Responses request that references stored items is not cached';
    // A stored answer is a new response another request can continue: it must come from a provider.
    if (req.json.store !== false)
      return 'a Responses request the gateway stores (store not false) is not cached';
  }
  return null;
}

/**
 * The cache decision for one request, or null when caching is off for it (the model keeps no answers
 * and the request sent no TTL header): then nothing is hashed, looked up or copied. A malformed cache
 * header is a 400, whatever the model says.
 */
export function cacheDecision(model: ModelCacheSettings, req: CacheRequest): CacheDecision | null {
  const ttlHeader = header(req.headers, TTL_HEADERS);
  const requested = ttlHeader ? parseTtl(ttlHeader) : null;
  const ttlSeconds = requested ?? model.ttlSeconds;
  // Caching off: two header reads, nothing else (a skip header then has nothing to skip).
  if (ttlSeconds === null) return null;
  const skipHeader = header(req.headers, SKIP_HEADERS);
  if (parseSkip(skipHeader)) return { use: false, reason: `${skipHeader?.name} asked to bypass the cache` };
  if (ttlSeconds === 0) return { use: false, reason: `${ttlHeader?.name}: 0 asked not to cache` };
  const reason = uncacheable(req);
  if (reason) return { use: false, reason };
  return { use: true, ttlSeconds, scope: model.scope, generation: model.generation };
}
