// Owns the audit log queries: append one entry, list with filters (newest first), delete expired entries in bounded chunks.
import { and, count, desc, eq, gte, inArray, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../client';
import { type AuditInsert, type AuditRow, auditLog } from '../schema';

const t = auditLog;

export interface AuditFilter {
  actor?: string;
  actorType?: AuditRow['actorType'];
  action?: string;
  targetType?: string;
  targetId?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  to?: number;
}

function conditions(f: AuditFilter): SQL | undefined {
  return and(
    f.actor ? eq(t.actor, f.actor) : undefined,
    f.actorType ? eq(t.actorType, f.actorType) : undefined,
    f.action ? eq(t.action, f.action) : undefined,
    f.targetType ? eq(t.targetType, f.targetType) : undefined,
    f.targetId ? eq(t.targetId, f.targetId) : undefined,
    f.from !== undefined ? gte(t.createdAt, f.from) : undefined,
    f.to !== undefined ? lte(t.createdAt, f.to) : undefined,
  );
}

/** Appends one entry. */
export async function insertAudit(db: Db, entry: AuditInsert): Promise<void> {
  await db.insert(t).values(entry);
}

/** One page of entries matching the filter, newest first, with the total count. */
export async function listAudit(db: Db, filter: AuditFilter, limit: number, offset: number) {
  const where = conditions(filter);
  const [rows, totals] = await db.batch([
    db.select().from(t).where(where).orderBy(desc(t.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(t).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

/** Deletes up to `limit` entries older than `cutoff` (oldest first); returns how many went. */
export async function deleteExpiredAudit(db: Db, cutoff: number, limit: number): Promise<number> {
  // A bounded subselect: one statement, one bound id list never needed, whatever the backlog.
  const oldest = db
    .select({ id: t.id })
    .from(t)
    .where(lt(t.createdAt, cutoff))
    .orderBy(t.createdAt)
    .limit(limit);
  const deleted = await db.delete(t).where(inArray(t.id, oldest)).returning({ id: t.id });
  return deleted.length;
}
