// Owns GET /metrics: the rollups in Prometheus text format, for an admin token or the METRICS_TOKEN secret.
import { Hono } from 'hono';
import { renderPrometheus } from '../analytics/prometheus';
import type { AppEnv } from '../app-env';
import { metricQueries } from '../db/queries/rollup-metrics';
import { timingSafeEqualText } from '../lib/crypto';
import { adminAuth, presentedToken } from '../middleware/admin-auth';
import { type AttemptRow, type CounterRow, metricFamilies } from './metrics-view';

const DAY_MS = 86_400_000;

export const metricsRoutes = new Hono<AppEnv>();

metricsRoutes.use('*', async (c, next) => {
  const scrapeToken = c.get('settings').METRICS_TOKEN;
  const presented = presentedToken((n) => c.req.header(n));
  if (scrapeToken && presented && timingSafeEqualText(presented, scrapeToken)) return next();
  return adminAuth()(c, next);
});

metricsRoutes.get('/', async (c) => {
  // One D1 batch over today's hourly rollups: its size follows the day's dimensions, not its traffic.
  const since = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const db = c.get('db');
  const [counters, attempts, firstByte, totalTime] = await db.batch(metricQueries(db, since));
  const families = metricFamilies(
    since,
    counters as CounterRow[],
    attempts as AttemptRow[],
    firstByte,
    totalTime,
  );
  return c.body(renderPrometheus(families), 200, {
    'content-type': 'text/plain; version=0.0.4; charset=utf-8',
    'cache-control': 'no-store',
  });
});
