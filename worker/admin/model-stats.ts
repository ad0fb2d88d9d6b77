// Owns GET /api/admin/models/stats: per requested model call health (last 7 days by default), attempts included.
import { Hono } from 'hono';
import { PERCENTILE_ERROR } from '../analytics/histogram';
import { statsWindow } from '../analytics/window';
import type { AppEnv } from '../app-env';
import { modelHealth } from '../db/queries/rollup-health';
import { outcomeRollups } from '../db/queries/rollup-read';
import { allKeysSeriesFrom } from '../db/queries/rollup-series';
import { readQuery, resolveRange, scopeSchema } from './logs-params';
import { rollupFilter } from './logs-stats';
import { rate } from './logs-stats-view';

export const modelStatsRoutes = new Hono<AppEnv>();

function ms(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

const HOUR_MS = 3_600_000;

modelStatsRoutes.get('/', async (c) => {
  const q = readQuery(c, scopeSchema);
  const now = Date.now();
  const range = resolveRange(q, now, '1w');
  const end = range.end ?? now;
  // No start means all history the hourly rollups keep.
  const w = statsWindow(range.start ?? 0, end, HOUR_MS, now);
  const db = c.get('db');
  const rows = await modelHealth(db, outcomeRollups(rollupFilter(q, w, await allKeysSeriesFrom(db, now))));
  return c.json({
    start_time: range.start === undefined ? null : new Date(w.start).toISOString(),
    end_time: new Date(w.end).toISOString(),
    percentile_relative_error: PERCENTILE_ERROR,
    items: rows.map((r) => ({
      requested_model: r.model ?? '-',
      request_count: r.requestCount,
      success_count: r.successCount,
      failure_count: r.requestCount - r.successCount,
      success_rate: rate(r.successCount, r.requestCount),
      failure_rate: rate(r.requestCount - r.successCount, r.requestCount),
      avg_total_time_ms: ms(r.avgTotalTimeMs),
      p95_total_time_ms: r.totalTime?.p95 ?? null,
      avg_first_byte_ms: ms(r.avgStreamFirstByteMs),
    })),
  });
});
