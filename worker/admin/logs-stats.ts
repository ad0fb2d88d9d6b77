// Owns GET /api/admin/logs/stats: summary, time-zone aware trend, per-model rankings, call health, latency.
import { and, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { PERCENTILE_ERROR, percentiles } from '../analytics/histogram';
import { type StatsWindow, statsWindow } from '../analytics/window';
import type { AppEnv } from '../app-env';
import { callStats } from '../db/queries/rollup-health';
import {
  addSums,
  type Bucketing,
  byModelQuery,
  histogramQuery,
  histogramsByGroup,
  outcomeRollups,
  type RollupFilter,
  requestRollups,
  rollups,
  trendQuery,
} from '../db/queries/rollup-read';
import { allKeysSeriesFrom, seriesGrain } from '../db/queries/rollup-series';
import { GatewayError } from '../errors';
import { readQuery, resolveRange, scopeSchema } from './logs-params';
import { callStatsView, summaryView, totalsView, trendView } from './logs-stats-view';

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
function askedBucketMs(q: StatsQuery, start: number, end: number): { unit: string; ms: number } {
  const unit = q.bucket ?? (q.bucket_minutes ? 'minute' : end - start <= 48 * HOUR_MS ? 'hour' : 'day');
  const ms =
    unit === 'minute' ? (q.bucket_minutes ?? 1) * MINUTE_MS : unit === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  return { unit, ms };
}

function bucketing(q: StatsQuery, w: StatsWindow): Bucketing {
  const b = { sizeMs: w.bucketMs, offsetMs: q.tz_offset_minutes * MINUTE_MS };
  const count =
    Math.floor((w.end - 1 + b.offsetMs) / b.sizeMs) - Math.floor((w.start + b.offsetMs) / b.sizeMs) + 1;
  if (count > MAX_BUCKETS) {
    throw new GatewayError(
      'validation_error',
      `The range holds ${count} buckets (at most ${MAX_BUCKETS}); choose a larger bucket or a shorter range`,
    );
  }
  return b;
}

function keyFiltered(q: z.output<typeof scopeSchema>): boolean {
  return q.api_key_id !== undefined || q.api_key_name !== undefined;
}

/** The scope as a rollup filter; a user id is not a rollup dimension (the log list filters by it). */
export function rollupFilter(
  q: z.output<typeof scopeSchema>,
  w: StatsWindow,
  allKeysFrom: number | null,
): RollupFilter {
  if (q.user_id !== undefined) {
    throw new GatewayError(
      'validation_error',
      'user_id is not a statistics dimension (statistics come from rollups); filter the log list by user instead',
      { param: 'user_id' },
    );
  }
  return {
    grain: seriesGrain(w.grain, w.start, keyFiltered(q), allKeysFrom),
    start: w.start,
    end: w.end,
    requestedModel: q.requested_model,
    model: q.model,
    providerId: q.provider_id,
    apiKeyId: q.api_key_id,
    apiKeyName: q.api_key_name,
  };
}

logStatsRoutes.get('/', async (c) => {
  const q = readQuery(c, statsQuerySchema);
  const now = Date.now();
  const range = resolveRange(q, now, '24h');
  const asked = { start: range.start ?? now - 24 * HOUR_MS, end: range.end ?? now };
  if (asked.start >= asked.end)
    throw new GatewayError('validation_error', 'start_time must be before end_time');
  const unit = askedBucketMs(q, asked.start, asked.end);
  const db = c.get('db');
  const from = await allKeysSeriesFrom(db, now);
  // Local days are not UTC days: the daily series serves only views bucketed by UTC day, without a key.
  const utcDays = q.tz_offset_minutes % 1440 === 0 && !keyFiltered(q);
  const w = statsWindow(asked.start, asked.end, unit.ms, now, utcDays ? from : null);
  const b = bucketing(q, w);
  const filter = rollupFilter(q, w, from);
  const where = requestRollups(filter);
  const [trend, byModel, byTokens, byCache, ttfb, total] = await db.batch([
    trendQuery(db, where, b),
    byModelQuery(db, where, q.group_by, 'cost'),
    byModelQuery(db, where, q.group_by, 'tokens'),
    byModelQuery(db, where, q.group_by, 'cache'),
    histogramQuery(db, 'first_byte_hist', and(where, eq(rollups.isStream, 1))),
    histogramQuery(db, 'total_time_hist', where),
  ]);
  // Call health counts attempts too: every upstream outcome once.
  const calls = await callStats(db, outcomeRollups(filter), q.group_by);
  const one = (rows: typeof ttfb) => percentiles(histogramsByGroup(rows).get('[null,null]') ?? {});
  return c.json({
    start_time: new Date(w.start).toISOString(),
    end_time: new Date(w.end).toISOString(),
    bucket: unit.unit,
    bucket_minutes: w.bucketMs / MINUTE_MS,
    grain_minutes: w.grain,
    tz_offset_minutes: q.tz_offset_minutes,
    group_by: q.group_by,
    summary: summaryView(addSums(trend)),
    latency: {
      first_byte_ms: one(ttfb),
      total_time_ms: one(total),
      // Percentiles come from log-scale histograms: each is within this share of the exact value.
      percentile_relative_error: PERCENTILE_ERROR,
    },
    trend: trendView(trend, b, w.start, w.end),
    by_model: byModel.map((r) => ({ model: r.model || '-', ...totalsView(r) })),
    by_model_tokens: byTokens.map((r) => ({ model: r.model || '-', ...totalsView(r) })),
    /** Models that looked in the response cache, by what it saved them. */
    by_model_cache: byCache.map((r) => ({ model: r.model || '-', ...totalsView(r) })),
    model_call_stats: calls.map(callStatsView),
  });
});
