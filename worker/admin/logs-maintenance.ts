// Owns log upkeep on /api/admin/logs: the on-demand retention run and the dead-letter list.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { runJobStep } from '../cron/jobs';
import { runRetention } from '../cron/retention';
import { listDeadLetters } from '../db/queries/log-dead-letters';
import { iso, paged } from './http';
import { readQuery } from './logs-params';

export const logMaintenanceRoutes = new Hono<AppEnv>();

const cleanupSchema = z.object({ days: z.coerce.number().int().min(1).max(36_500).optional() });
const pageSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(20),
});

logMaintenanceRoutes.post('/cleanup', async (c) => {
  const { days } = readQuery(c, cleanupSchema);
  const r = await runRetention(c.env, { indexDays: days });
  // What one run could not finish continues as a background job, not as another click.
  if (!r.complete)
    await c.env.JOBS_QUEUE.send({ v: 1, job: 'retention', index_days: days }, { contentType: 'json' });
  const more = r.complete ? '' : ' More remain; retention continues in the background.';
  return c.json({
    deleted_log_count: r.deletedLogCount,
    deleted_rollup_count: r.deletedRollupCount,
    deleted_object_count: r.deletedObjectCount,
    complete: r.complete,
    message: `Deleted ${r.deletedLogCount} log rows and ${r.deletedObjectCount} body objects.${more}`,
  });
});

logMaintenanceRoutes.post('/rollups/backfill', async (c) => {
  const step = await runJobStep(c.env, { v: 1, job: 'rollup_backfill' });
  return c.json({ ...step.detail, continues_in_background: !step.complete });
});

logMaintenanceRoutes.get('/dead-letters', async (c) => {
  const q = readQuery(c, pageSchema);
  const page = { page: q.page, pageSize: q.page_size, offset: (q.page - 1) * q.page_size };
  const { rows, total } = await listDeadLetters(c.get('db'), page.pageSize, page.offset);
  const items = rows.map((r) => ({
    id: r.id,
    message_id: r.messageId,
    record_id: r.recordId,
    trace_id: r.traceId,
    attempts: r.attempts,
    error: r.error,
    body: r.body,
    received_at: iso(r.receivedAt),
  }));
  return c.json(paged(items, total, page));
});
