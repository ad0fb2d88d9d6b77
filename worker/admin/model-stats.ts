// Owns GET /api/admin/models/stats: per requested model call health (last 7 days by default), attempts included.
import { and } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { modelHealth } from '../db/queries/log-call-stats';
import { filterConditions } from '../db/queries/log-filters';
import { readQuery, resolveRange, scopeFilter, scopeSchema } from './logs-params';
import { rate } from './logs-stats-view';

export const modelStatsRoutes = new Hono<AppEnv>();

function ms(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

modelStatsRoutes.get('/', async (c) => {
  const q = readQuery(c, scopeSchema);
  const now = Date.now();
  const range = resolveRange(q, now, '1w');
  const end = range.end ?? now;
  const filter = scopeFilter(q, { start: range.start, end });
  const rows = await modelHealth(c.get('db'), and(...filterConditions(filter)));
  return c.json({
    start_time: range.start === undefined ? null : new Date(range.start).toISOString(),
    end_time: new Date(end).toISOString(),
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
