// Owns the logs page's URL state: every filter, the time range and paging, and their API parameters.
import { z } from 'zod';
import type { Query } from '../../lib/api';
import { searchBool, searchInt, searchPage, searchPageSize, searchText } from '../../lib/search';
import { PRESET_MS, type StatsWindow, windowFor } from '../../lib/time-range';

export const LOG_RANGES = ['1h', '3h', '6h', '12h', '24h', '1w', 'all'] as const;
export type LogRange = (typeof LOG_RANGES)[number];

const isoText = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)))
  .optional()
  .catch(undefined);

export const logSearchSchema = z.object({
  range: z.enum(LOG_RANGES).optional().catch(undefined),
  start: isoText,
  end: isoText,
  requested_model: searchText,
  target_model: searchText,
  provider_id: searchInt,
  api_key_id: searchInt,
  api_key_name: searchText,
  user_id: searchText,
  trace_id: searchText,
  status_min: searchInt,
  status_max: searchInt,
  has_error: searchBool,
  is_stream: searchBool,
  cache_status: z.enum(['HIT', 'MISS', 'BYPASS']).optional().catch(undefined),
  retry_count_min: searchInt,
  retry_count_max: searchInt,
  input_tokens_min: searchInt,
  input_tokens_max: searchInt,
  total_time_min: searchInt,
  total_time_max: searchInt,
  page: searchPage,
  page_size: searchPageSize,
  /** The API's keyset cursor of this page (set by "next"): as fast on page 10,000 as on page 1. */
  cursor: searchText,
  sort_by: searchText,
  sort_order: z.enum(['asc', 'desc']).optional().catch(undefined),
});

export type LogSearch = z.output<typeof logSearchSchema>;

/** Filters that are not the time range or paging (what "clear filters" removes). */
export const FILTER_KEYS = [
  'requested_model',
  'target_model',
  'provider_id',
  'api_key_id',
  'api_key_name',
  'user_id',
  'trace_id',
  'status_min',
  'status_max',
  'has_error',
  'is_stream',
  'cache_status',
  'retry_count_min',
  'retry_count_max',
  'input_tokens_min',
  'input_tokens_max',
  'total_time_min',
  'total_time_max',
] as const satisfies readonly (keyof LogSearch)[];

/** A custom start/end (from the picker or a zoomed bar) wins over the preset; the default is 24 h. */
export function effectiveRange(s: LogSearch): LogRange | 'custom' {
  if (s.start || s.end) return 'custom';
  return s.range ?? '24h';
}

function timeParams(s: LogSearch): Query {
  const range = effectiveRange(s);
  if (range === 'custom') return { start_time: s.start, end_time: s.end };
  if (range === 'all') return {};
  return { timeline: range };
}

/** Parameters of `GET /api/admin/logs`. */
export function listParams(s: LogSearch): Query {
  const { range: _r, start: _s, end: _e, ...rest } = s;
  return { ...rest, ...timeParams(s), page: s.page ?? 1, page_size: s.page_size ?? 20 };
}

/**
 * Scope parameters the statistics accept (a subset of the list's filters). Statistics come from
 * rollups, which are not kept per user: a user filter narrows the list, not the timeline.
 */
export function scopeParams(s: LogSearch): Query {
  return {
    requested_model: s.requested_model,
    provider_id: s.provider_id,
    api_key_id: s.api_key_id,
    api_key_name: s.api_key_name,
  };
}

/** The chart window for the current range; "all" shows the last 30 days. */
export function timelineWindow(s: LogSearch, now = Date.now()): StatsWindow {
  const range = effectiveRange(s);
  if (range === 'custom') {
    const end = s.end ? Date.parse(s.end) : now;
    const start = s.start ? Date.parse(s.start) : end - PRESET_MS['24h'];
    return windowFor(start, end);
  }
  const span = range === 'all' ? 30 * 86_400_000 : PRESET_MS[range];
  return windowFor(now - span, now);
}

/** Live ranges end "now", so new requests appear without touching the filters. */
export function isLive(s: LogSearch): boolean {
  const range = effectiveRange(s);
  return range !== 'custom' || !s.end;
}
