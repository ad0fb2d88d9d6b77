// Owns the log resource: query factories for the list, one log and the statistics; retry and cleanup calls.
import { queryOptions } from '@tanstack/react-query';
import { api, apiFetch, type Paged, type Query } from '../../lib/api';
import { bucketParams, type StatsWindow } from '../../lib/time-range';
import { type LogSearch, listParams } from './search';
import type { LogDetail, LogItem, LogStats } from './types';

export const logsQuery = (search: LogSearch) =>
  queryOptions({
    queryKey: ['logs', 'list', search],
    queryFn: ({ signal }) => api<Paged<LogItem>>('/api/admin/logs', { query: listParams(search), signal }),
  });

export const logDetailQuery = (id: string) =>
  queryOptions({
    queryKey: ['logs', 'detail', id],
    queryFn: () => api<LogDetail>(`/api/admin/logs/${encodeURIComponent(id)}`),
    staleTime: 60_000,
  });

/**
 * Statistics for a window. The key holds what the user chose (`scope`), the window is computed at fetch
 * time from `window()`, so live ranges move forward on every refetch.
 */
export const logStatsQuery = (key: unknown, scope: Query, window: () => StatsWindow, groupBy?: string) =>
  queryOptions({
    queryKey: ['logs', 'stats', key, scope, groupBy ?? null],
    queryFn: ({ signal }) =>
      api<LogStats>('/api/admin/logs/stats', {
        query: { ...scope, ...bucketParams(window()), group_by: groupBy },
        signal,
      }),
  });

export interface RetryJson {
  response_status: number;
  response_body: unknown;
  trace_id: string | null;
}

/** Replays a logged request; a streamed answer comes back as the raw response to read as SSE. */
export async function retryLog(
  id: string,
  signal?: AbortSignal,
): Promise<{ json: RetryJson } | { stream: Response }> {
  const res = await apiFetch(`/api/admin/logs/${encodeURIComponent(id)}/retry`, { method: 'POST', signal });
  if (/^text\/event-stream/i.test(res.headers.get('content-type') ?? '')) return { stream: res };
  return { json: (await res.json()) as RetryJson };
}
