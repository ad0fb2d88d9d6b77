// Owns GET /api/admin/logs/:id: one log's summary, its R2 body, and its attempts or its parent request.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { findAttempts, findLog, findRequestId, rowTrace } from '../db/queries/log-detail';
import { GatewayError } from '../errors';
import { detailFields, readStoredDetail } from './logs-body';
import { detailCutoff, logSummary } from './logs-view';

export const logDetailRoutes = new Hono<AppEnv>();

logDetailRoutes.get('/:id', async (c) => {
  const db = c.get('db');
  const id = c.req.param('id');
  const row = await findLog(db, id);
  if (!row) throw new GatewayError('log_not_found', `Log ${id} not found`);
  const cutoff = detailCutoff(c.get('settings').LOG_DETAIL_RETENTION_DAYS);
  const [stored, attempts, parent] = await Promise.all([
    readStoredDetail(c.env.LOG_BUCKET, row, cutoff),
    row.kind === 'request' ? findAttempts(db, rowTrace(row)) : Promise.resolve([]),
    row.kind === 'attempt' ? findRequestId(db, rowTrace(row)) : Promise.resolve(null),
  ]);
  const summary = logSummary(row, cutoff);
  return c.json({
    ...summary,
    // The served upstream URL lives with the body (it is not worth its bytes in every index row).
    upstream_url: stored.detail?.upstream_url ?? null,
    detail_available: stored.status === 'available',
    detail_status: stored.status,
    ...detailFields(stored.detail, row.isStream),
    parent_request_id: parent,
    retry_attempt_count: attempts.length,
    retry_attempts: attempts.map((a) => logSummary(a, cutoff)),
  });
});
