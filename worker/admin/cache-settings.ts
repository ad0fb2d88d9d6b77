// Owns a model's response-cache settings as the admin API shows and writes them (SPEC §18).
import type { ModelRow } from '../db/schema';
import type { CacheScope } from '../routing/types';

/** The cache fields of a model view, export included. */
export function cacheView(row: ModelRow) {
  return { cache_ttl_seconds: row.cacheTtlSeconds, cache_scope: row.cacheScope };
}

/** The columns an input sets; absent fields are left out so an update keeps what is stored. */
export function cacheColumns(input: { cache_ttl_seconds?: number | null; cache_scope?: CacheScope }) {
  const out: Partial<Pick<ModelRow, 'cacheTtlSeconds' | 'cacheScope'>> = {};
  if (input.cache_ttl_seconds !== undefined) out.cacheTtlSeconds = input.cache_ttl_seconds;
  if (input.cache_scope !== undefined) out.cacheScope = input.cache_scope;
  return out;
}
