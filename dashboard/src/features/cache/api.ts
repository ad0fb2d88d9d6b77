// Owns the response cache's admin calls: purges by model or key, and one model's cache numbers.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { presetWindow } from '../../lib/time-range';
import { logStatsQuery } from '../logs/api';

const modelPath = (name: string) => `/api/admin/models/${name.split('/').map(encodeURIComponent).join('/')}`;

export const purgeModelCache = (name: string) =>
  api<{ purged: boolean; cache_generation: number }>(`${modelPath(name)}/cache/purge`, { method: 'POST' });

export const purgeKeyCache = (id: number) =>
  api<{ purged: boolean; cache_generation: number }>(`/api/admin/api-keys/${id}/cache/purge`, {
    method: 'POST',
  });

/** A model's last 7 days of statistics (its summary carries the cache hit rate and the savings). */
export const modelCacheStatsQuery = (name: string) =>
  queryOptions({
    ...logStatsQuery({ page: 'model-cache', model: name }, { model: name }, () => presetWindow('7d')),
    staleTime: 60_000,
  });
