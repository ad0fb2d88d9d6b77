// Owns GET /api/admin/logs/stats: summary, time-zone aware trend, per-model rankings, call health, latency.
import { and, eq, type SQL } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/client';
import { callStats } from '../db/queries/log-call-stats';
import { filterConditions, requestWhere } from '../db/queries/log-filters';
import { percentileQuery } from '../db/queries/log-percentiles';
import { addSums, type Bucketing, byModelQuery, trendQuery } from '../db/queries/log-stats';
import { requestLogs } from '../db/schema';
import { GatewayError } from '../errors';
import { readQuery, resolveRange, scopeFilter, scopeSchema } from './logs-params';
import { callStatsView, percentiles, summaryView, totalsView, trendView } from './logs-stats-view';

export const logStatsRoutes = new Hono<AppEnv>();

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const MAX_BUCKETS = 2000;

const statsQuerySchema = scopeSchema.extend({
  bucket: z.enum(['minute', 'hour', 'day']).optional(),
  bucket_minutes: z.coerce.number().int().min(1).max(1440).optional(),
  tz_offset_minutes: z.coerce.number().int().min(-840).max(840).default(0),
  group_by: z.enum(['request_model', 'provider_model']).default('request_model'),
});

type StatsQuery = z.output<typeof statsQuerySchema>;

/** Explicit bucket wins; `bucket_minutes` alone means minute buckets; else hour up to 48 h, day beyond. */
function bucketing(q: StatsQuery, start: number, end: number): Bucketing & { unit: string } {
  const unit = q.bucket ?? (q.bucket_minutes ? 'minute' : end - start <= 48 * HOUR_MS ? 'hour' : 'day');
  const sizeMs =
    unit === 'minute' ? (q.bucket_minutes ?? 1) * MINUTE_MS : unit === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  const b = { unit, sizeMs, offsetMs: q.tz_offset_minutes * MINUTE_MS };
  const count = Math.floor((end - 1 + b.offsetMs) / sizeMs) - Math.floor((start + b.offsetMs) / sizeMs) + 1;
  if (count > MAX_BUCKETS) {
    throw new GatewayError(
      'validation_error',
      `The range holds ${count} buckets (at most ${MAX_BUCKETS}); choose a larger bucket or a shorter range`,
    );
  }
  return b;
}

/** Everything computed over client requests only, in one D1 round trip. */
function requestStats(db: Db, where: SQL | undefined, q: StatsQuery, b: Bucketing) {
  const t = requestLogs;
  return db.batch([
    trendQuery(db, where, b),
    byModelQuery(db, where, q.group_by, 'cost'),
    byModelQuery(db, where, q.group_by, 'tokens'),
    percentileQuery(db, { value: t.firstByteDelayMs, where: and(where, eq(t.isStream, true)) }),
    percentileQuery(db, { value: t.totalTimeMs, where }),
  ]);
}

logStatsRoutes.get('/', async (c) => {
  const q = readQuery(c, statsQuerySchema);
  const now = Date.now();
  const range = resolveRange(q, now, '24h');
  const start = range.start ?? now - 24 * HOUR_MS;
  const end = range.end ?? now;
  if (start >= end) throw new GatewayError('validation_error', 'start_time must be before end_time');
  const b = bucketing(q, start, end);
  const filter = scopeFilter(q, { start, end });
  const db = c.get('db');
  const [trend, byModel, byTokens, ttfb, total] = await requestStats(db, requestWhere(filter), q, b);
  // Call health counts attempts too, so it takes the filter without the request-only condition.
  const calls = await callStats(db, and(...filterConditions(filter)), q.group_by);
  return c.json({
    start_time: new Date(start).toISOString(),
    end_time: new Date(end).toISOString(),
    bucket: b.unit,
    bucket_minutes: b.sizeMs / MINUTE_MS,
    tz_offset_minutes: q.tz_offset_minutes,
    group_by: q.group_by,
    summary: summaryView(addSums(trend)),
    latency: { first_byte_ms: percentiles(ttfb[0]), total_time_ms: percentiles(total[0]) },
    trend: trendView(trend, b, start, end),
    by_model: byModel.map((r) => ({ model: r.model ?? '-', ...totalsView(r) })),
    by_model_tokens: byTokens.map((r) => ({ model: r.model ?? '-', ...totalsView(r) })),
    model_call_stats: calls.map(callStatsView),
  });
});
