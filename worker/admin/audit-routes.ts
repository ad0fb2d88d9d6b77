// Owns GET /api/admin/audit: the audit log, newest first, filtered by actor, action, target and time.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { listAudit } from '../db/queries/audit-log';
import type { AuditRow } from '../db/schema';
import { iso, paged } from './http';
import { readQuery, timeRangeSchema } from './logs-params';

export const auditRoutes = new Hono<AppEnv>();

const text = z.string().trim().min(1).max(300).optional();

export const auditQuerySchema = z.object({
  actor: text,
  actor_type: z.enum(['admin', 'mcp']).optional(),
  action: text,
  target_type: text,
  target_id: text,
  start_time: timeRangeSchema.shape.start_time,
  end_time: timeRangeSchema.shape.end_time,
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});

export function auditEntryView(r: AuditRow) {
  return {
    id: r.id,
    created_at: iso(r.createdAt),
    actor_type: r.actorType,
    actor: r.actor,
    actor_key_id: r.actorKeyId,
    action: r.action,
    target_type: r.targetType,
    target_id: r.targetId,
    status: r.status,
    before: r.before ?? null,
    after: r.after ?? null,
    trace_id: r.traceId,
  };
}

auditRoutes.get('/', async (c) => {
  const q = readQuery(c, auditQuerySchema);
  const page = { page: q.page, pageSize: q.page_size, offset: (q.page - 1) * q.page_size };
  const { rows, total } = await listAudit(
    c.get('db'),
    {
      actor: q.actor,
      actorType: q.actor_type,
      action: q.action,
      targetType: q.target_type,
      targetId: q.target_id,
      from: q.start_time,
      to: q.end_time,
    },
    page.pageSize,
    page.offset,
  );
  return c.json(paged(rows.map(auditEntryView), total, page));
});
