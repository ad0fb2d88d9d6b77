// Owns the `audit_log` table: who changed what in the admin plane (REST or MCP), with masked before/after.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Who acted: a dashboard/REST admin, or a gateway key flagged `is_mcp_admin` calling /mcp. */
export type AuditActorType = 'admin' | 'mcp';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Epoch ms. */
    createdAt: integer('created_at').notNull(),
    actorType: text('actor_type').$type<AuditActorType>().notNull(),
    /** The admin user name, or the MCP key's name. */
    actor: text('actor').notNull(),
    /** The MCP key's id; null for admins. */
    actorKeyId: integer('actor_key_id'),
    /** `provider.update`, `api_key.create`, `mcp.list_providers`, … */
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    /** HTTP status of the change (MCP: of the admin call behind the tool, or 403/401 when refused). */
    status: integer('status').notNull(),
    /** Snapshots with every secret masked (provider keys, extra header values; key hashes never). */
    before: text('before', { mode: 'json' }).$type<unknown>(),
    after: text('after', { mode: 'json' }).$type<unknown>(),
    traceId: text('trace_id'),
  },
  (t) => [
    // The list's time filter and retention's bounded delete; the default order is the primary key.
    index('audit_time_idx').on(t.createdAt),
    index('audit_target_idx').on(t.targetType, t.targetId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
export type AuditInsert = typeof auditLog.$inferInsert;
