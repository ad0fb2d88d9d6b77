// Owns /api/admin/logs: the filtered, paginated list of client requests with their failed attempts nested.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { rowTrace } from '../db/queries/log-detail';
import { listRequestLogs } from '../db/queries/log-list';
import { paged } from './http';
import { logDetailRoutes } from './logs-detail';
import { logInFlightRoutes } from './logs-inflight';
import { logMaintenanceRoutes } from './logs-maintenance';
import { encodeCursor, listFilter, listQuerySchema, readQuery } from './logs-params';
import { logRetryRoutes } from './logs-retry';
import { logStatsRoutes } from './logs-stats';
import { detailCutoff, requestWithAttempts } from './logs-view';

export const logRoutes = new Hono<AppEnv>();

// Fixed paths first: `/:id` would otherwise take `stats`, `cleanup`, `dead-letters` and `in-flight`.
logRoutes.route('/stats', logStatsRoutes);
logRoutes.route('/', logMaintenanceRoutes);
logRoutes.route('/', logInFlightRoutes);

logRoutes.get('/', async (c) => {
  const q = readQuery(c, listQuerySchema);
  const now = Date.now();
  const page = { page: q.page, pageSize: q.page_size, offset: (q.page - 1) * q.page_size };
  const result = await listRequestLogs(c.get('db'), {
    filter: listFilter(q, now),
    sortBy: q.sort_by,
    sortOrder: q.sort_order,
    limit: page.pageSize,
    offset: page.offset,
    after: q.cursor,
  });
  const cutoff = detailCutoff(c.get('settings').LOG_DETAIL_RETENTION_DAYS, now);
  const items = result.rows.map((r) =>
    requestWithAttempts(r, result.attempts.get(rowTrace(r)) ?? [], cutoff),
  );
  return c.json({
    ...paged(items, result.total, page),
    total_capped: result.totalCapped,
    // Keyset pagination: as fast on page 10,000 as on page 1 (offsets walk every skipped row).
    next_cursor: result.next ? encodeCursor(result.next) : null,
  });
});

logRoutes.route('/', logDetailRoutes);
logRoutes.route('/', logRetryRoutes);
