// Owns the gateway's own record of Gemini thought signatures, keyed by tool-call id, for clients that drop them.
//
// Why Workers KV: the access pattern is write-once (when a converted answer that calls a function
// ends), read at most a few times (the follow-up turn, seconds to minutes later, usually from the same
// place), small values, unique keys, never updated, and it must expire by itself. KV gives native TTLs,
// reads served at the edge without a single-region hop, and no writer bottleneck. D1 would put a query
// on the follow-up's path in one region and need its own expiry sweep; a Durable Object per tool call
// is a cross-region round trip for a value that never changes. KV's eventual consistency across
// locations is acceptable here: the in-band carrier (thinking_blocks / thinking signature /
// encrypted_content) is tried first, and the record is only the fallback.
import type { Env } from '../env';

/** What a request keeps for signatures; every method is a no-op without a binding. */
export interface SignatureStore {
  /** Signatures for the given tool-call ids (those the store knows). */
  recall(ids: readonly string[]): Promise<Map<string, string>>;
  /** Buffers signatures of the answer in flight; nothing is written until flush(). */
  remember(signatures: ReadonlyMap<string, string>): void;
  /** Writes what was remembered, once per response. */
  flush(): Promise<void>;
}

const KEY_PREFIX = 'thought-sig:';
/** Ids looked up at most per request: the current turn's calls, never a whole history. */
const MAX_RECALL = 32;

/** The store for one request, on the `THOUGHT_SIGNATURES` KV namespace (or a no-op without it). */
export function signatureStore(env: Env, ttlSeconds: number): SignatureStore {
  const kv = env.THOUGHT_SIGNATURES as KVNamespace | undefined;
  const pending = new Map<string, string>();
  return {
    async recall(ids) {
      const out = new Map<string, string>();
      if (!kv || ids.length === 0) return out;
      const wanted = [...new Set(ids)].slice(-MAX_RECALL);
      const values = await Promise.all(wanted.map((id) => kv.get(KEY_PREFIX + id).catch(() => null)));
      wanted.forEach((id, i) => {
        const value = values[i];
        if (value) out.set(id, value);
      });
      return out;
    },
    remember(signatures) {
      for (const [id, sig] of signatures) pending.set(id, sig);
    },
    async flush() {
      if (!kv || pending.size === 0) return;
      const entries = [...pending];
      pending.clear();
      await Promise.all(
        entries.map(([id, sig]) => kv.put(KEY_PREFIX + id, sig, { expirationTtl: Math.max(60, ttlSeconds) })),
      );
    },
  };
}
