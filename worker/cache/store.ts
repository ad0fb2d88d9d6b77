// Owns where answers live: the Workers Cache API of the data center that served the request (see README, Response cache).
import { type CacheEntry, decodeEntry, encodeEntry } from './entry';

/** A named cache of its own, so nothing else the zone caches can collide with an answer. */
const CACHE_NAME = 'llm-gateway-answers';
/** Under the Worker's own hostname, as Cloudflare advises for Cache API keys. */
const KEY_PATH = '/__llm-gateway/cache/';

/** The largest answer kept (the proxy keeps at most this much of a stream for its log as well). */
export const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** Reads and writes entries by cache key; failures are misses, never errors a client sees. */
export interface AnswerStore {
  get(key: string): Promise<CacheEntry | null>;
  put(key: string, entry: CacheEntry): Promise<void>;
}

function keyUrl(origin: string, key: string): string {
  return `${origin}${KEY_PATH}${key}`;
}

/** The Cache API store for requests reaching the Worker at `origin`. */
export function cacheApiStore(origin: string): AnswerStore {
  return {
    async get(key) {
      try {
        const cache = await caches.open(CACHE_NAME);
        const hit = await cache.match(keyUrl(origin, key));
        if (!hit) return null;
        return decodeEntry(new Uint8Array(await hit.arrayBuffer()));
      } catch (err) {
        console.warn('response cache read failed; treated as a miss', err);
        return null;
      }
    },
    async put(key, entry) {
      const bytes = encodeEntry(entry);
      const headers = {
        'content-type': 'application/octet-stream',
        // The Cache API evicts the entry after this; freshness per request is checked on read.
        'cache-control': `max-age=${entry.ttlSeconds}`,
      };
      try {
        const cache = await caches.open(CACHE_NAME);
        await cache.put(keyUrl(origin, key), new Response(bytes, { headers }));
      } catch (err) {
        console.warn('response cache write failed; the answer is not cached', err);
      }
    },
  };
}
