// Owns the log endpoints' query parameters: zod schemas for filters, time ranges and paging, and their parsing.
import type { Context } from 'hono';
import { z } from 'zod';
import type { LogFilter } from '../db/queries/log-filters';
import { LOG_SORT_COLUMNS, type LogCursor, type LogSortKey } from '../db/queries/log-list';
import { GatewayError } from '../errors';

const HOUR_MS = 3_600_000;
export const TIMELINES = { '1h': 1, '3h': 3, '6h': 6, '12h': 12, '24h': 24, '1w': 168 } as const;
export type Timeline = keyof typeof TIMELINES;

const isoTime = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 time')
  .transform((v) => Date.parse(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const count = int(0, Number.MAX_SAFE_INTEGER);
const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();
const text = z.string().max(255).optional();
const id = int(1, Number.MAX_SAFE_INTEGER);

/** The time range every log endpoint accepts. */
export const timeRangeSchema = z.object({
  start_time: isoTime.optional(),
  end_time: isoTime.optional(),
  timeline: z.enum(Object.keys(TIMELINES) as [Timeline, ...Timeline[]]).optional(),
});

/** Filters shared by the list and the statistics. */
export const scopeSchema = timeRangeSchema.extend({
  requested_model: text,
  /** Exact requested model (the substring filter above would also match longer names). */
  model: text,
  provider_id: id,
  api_key_id: id,
  api_key_name: text,
  user_id: text,
});

export const listQuerySchema = scopeSchema.extend({
  trace_id: text,
  target_model: text,
  status_min: int(0, 999),
  status_max: int(0, 999),
  has_error: bool,
  retry_count_min: count,
  retry_count_max: count,
  input_tokens_min: count,
  input_tokens_max: count,
  total_time_min: count,
  total_time_max: count,
  is_stream: bool,
  cache_status: z.enum(['HIT', 'MISS', 'BYPASS']).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
  /** Keyset pagination for the time order: the `next_cursor` of the previous page (then `page` is ignored). */
  cursor: z
    .string()
    .max(200)
    .transform((v, ctx) => {
      const cursor = decodeCursor(v);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'not a cursor this API returned' });
      return cursor ?? undefined;
    })
    .optional(),
  sort_by: z.enum(Object.keys(LOG_SORT_COLUMNS) as [LogSortKey, ...LogSortKey[]]).default('request_time'),
  sort_order: z.enum(['asc', 'desc']).default('desc'),
});

/** An opaque page cursor: the last row's time and id, base64url JSON. */
export function encodeCursor(c: LogCursor): string {
  return btoa(JSON.stringify([c.time, c.id]))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function decodeCursor(text: string): LogCursor | null {
  try {
    const value: unknown = JSON.parse(atob(text.replaceAll('-', '+').replaceAll('_', '/')));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [time, id] = value;
    return Number.isSafeInteger(time) && typeof id === 'string' && id.length <= 100 ? { time, id } : null;
  } catch {
    return null;
  }
}

/** Parses the query string with a schema; empty values count as absent, failures are 400s. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    const first = details[0];
    throw new GatewayError('validation_error', first ? `${first.field}: ${first.message}` : 'Invalid query', {
      details,
    });
  }
  return parsed.data;
}

export interface TimeRange {
  start?: number;
  end?: number;
}

/**
 * `start_time`/`end_time` win; otherwise `timeline` (or the fallback preset) counts back from
 * `end_time` or now. The range is [start, end).
 */
export function resolveRange(
  q: z.output<typeof timeRangeSchema>,
  now: number,
  fallback?: Timeline,
): TimeRange {
  const preset = q.timeline ?? fallback;
  const start = q.start_time ?? (preset ? (q.end_time ?? now) - TIMELINES[preset] * HOUR_MS : undefined);
  const end = q.end_time;
  if (start !== undefined && end !== undefined && start >= end) {
    throw new GatewayError('validation_error', 'start_time must be before end_time');
  }
  return { start, end };
}

/** The filter of the shared scope parameters. */
export function scopeFilter(q: z.output<typeof scopeSchema>, range: TimeRange): LogFilter {
  return {
    ...range,
    requestedModel: q.requested_model,
    model: q.model,
    providerId: q.provider_id,
    apiKeyId: q.api_key_id,
    apiKeyName: q.api_key_name,
    userId: q.user_id,
  };
}

/** The list's complete filter. */
export function listFilter(q: z.output<typeof listQuerySchema>, now: number): LogFilter {
  return {
    ...scopeFilter(q, resolveRange(q, now)),
    traceId: q.trace_id,
    targetModel: q.target_model,
    statusMin: q.status_min,
    statusMax: q.status_max,
    hasError: q.has_error,
    retryCountMin: q.retry_count_min,
    retryCountMax: q.retry_count_max,
    inputTokensMin: q.input_tokens_min,
    inputTokensMax: q.input_tokens_max,
    totalTimeMin: q.total_time_min,
    totalTimeMax: q.total_time_max,
    isStream: q.is_stream,
    cacheStatus: q.cache_status,
  };
}
