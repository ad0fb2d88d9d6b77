// Owns the isolate's own copy of recent answers: a repeated question in the same isolate is answered from memory.
import { type CacheEntry, isFresh } from './entry';

/** What one isolate keeps at most (of its 128 MB), and the largest answer worth a place in it. */
const MEMORY_BUDGET_BYTES = 8 * 1024 * 1024;
const MAX_REMEMBERED_BYTES = 512 * 1024;

/** Least recently used first (a Map keeps insertion order; a hit moves its key to the end). */
const remembered = new Map<string, CacheEntry>();
let bytes = 0;

function forget(key: string): void {
  const entry = remembered.get(key);
  if (!entry) return;
  remembered.delete(key);
  bytes -= entry.body.byteLength;
}

/**
 * Keeps an answer for later requests of this isolate. Keys carry every purge generation, so a purge
 * makes these unreachable at once; stale ones are dropped when met or pushed out by newer ones.
 */
export function remember(key: string, entry: CacheEntry): void {
  if (entry.body.byteLength > MAX_REMEMBERED_BYTES) return;
  forget(key);
  remembered.set(key, entry);
  bytes += entry.body.byteLength;
  for (const oldest of remembered.keys()) {
    if (bytes <= MEMORY_BUDGET_BYTES) break;
    forget(oldest);
  }
}

/** The answer this isolate kept for `key`, if still fresh for a request accepting `maxAgeSeconds`. */
export function recall(key: string, maxAgeSeconds: number): CacheEntry | null {
  const entry = remembered.get(key);
  if (!entry) return null;
  if (!isFresh(entry, entry.ttlSeconds)) {
    forget(key);
    return null;
  }
  if (!isFresh(entry, maxAgeSeconds)) return null;
  remembered.delete(key);
  remembered.set(key, entry);
  return entry;
}

/** Bytes of answers this isolate keeps (tests and diagnostics). */
export function rememberedBytes(): number {
  return bytes;
}
