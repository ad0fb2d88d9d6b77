// Owns the cache key (SPEC §18): the key's namespace, the endpoint, the requested model and every body field but the stream flag.
import { sha256Hex } from '../lib/crypto';
import type { EndpointId } from '../protocols/endpoints';
import type { JsonObject } from '../protocols/types';
import type { CacheScope } from '../routing/types';

/** Bumped when what the key covers or how entries are stored changes: old entries are never read again. */
export const CACHE_KEY_VERSION = 1;

/**
 * Fields that only say how the answer travels, not what it is: a streamed answer is replayed as JSON
 * and the other way round. `model` is keyed as the requested model on its own.
 */
const NOT_KEYED = new Set(['stream', 'stream_options', 'model']);

export interface KeyParts {
  scope: CacheScope;
  /** The gateway key's id (null for the dashboard) and purge generation; unused under `global`. */
  keyId: number | null;
  keyGeneration: number;
  endpoint: EndpointId;
  model: string;
  modelGeneration: number;
  body: JsonObject;
}

/** JSON with object keys sorted at every level, so field order never splits one question in two. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value as JsonObject)
    .sort()
    .filter((k) => (value as JsonObject)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as JsonObject)[k])}`);
  return `{${entries.join(',')}}`;
}

/** The namespace a key reads and writes: its own (id + purge generation) unless the model shares answers. */
export function cacheNamespace(parts: Pick<KeyParts, 'scope' | 'keyId' | 'keyGeneration'>): string {
  if (parts.scope === 'global') return 'global';
  return parts.keyId === null ? 'dashboard' : `key:${parts.keyId}:${parts.keyGeneration}`;
}

/** What the key hashes: everything that can change the answer, in one canonical string. */
export function keyMaterial(parts: KeyParts): string {
  const body: JsonObject = {};
  for (const [k, v] of Object.entries(parts.body)) if (!NOT_KEYED.has(k)) body[k] = v;
  return canonicalJson([
    CACHE_KEY_VERSION,
    cacheNamespace(parts),
    parts.endpoint,
    parts.model,
    parts.modelGeneration,
    body,
  ]);
}

/** The hex SHA-256 of the key material: entries are addressed by it, never by the request's text. */
export function cacheKey(parts: KeyParts): Promise<string> {
  return sha256Hex(keyMaterial(parts));
}
