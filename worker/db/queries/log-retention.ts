// Owns the retention queries: find expired rows in bounded chunks, then delete them or flag their bodies gone.
import { and, asc, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { requestLogs } from '../schema';
import { chunks } from './id-chunks';

const t = requestLogs;
/** D1 binds at most 100 parameters per statement; id lists are cut below that. */

export interface ExpiredRow {
  id: string;
  r2Key: string | null;
  r2Offset: number | null;
  detailExpired: boolean;
}

/** Up to `limit` index rows older than `cutoff`, oldest first. */
export function selectExpiredLogs(db: Db, cutoff: number, limit: number): Promise<ExpiredRow[]> {
  return db
    .select({ id: t.id, r2Key: t.r2Key, r2Offset: t.r2Offset, detailExpired: t.detailExpired })
    .from(t)
    .where(lt(t.requestTime, cutoff))
    .orderBy(asc(t.requestTime))
    .limit(limit);
}

/** Up to `limit` rows older than `cutoff` whose R2 body has not been deleted yet (rl_detail_pending_idx). */
export function selectExpiredDetails(db: Db, cutoff: number, limit: number): Promise<ExpiredRow[]> {
  return db
    .select({ id: t.id, r2Key: t.r2Key, r2Offset: t.r2Offset, detailExpired: t.detailExpired })
    .from(t)
    .where(and(isNotNull(t.r2Key), sql`${t.detailExpired} = 0`, lt(t.requestTime, cutoff)))
    .orderBy(asc(t.requestTime))
    .limit(limit);
}

/** Deletes index rows by id in one D1 batch; returns how many rows went. */
export async function deleteLogs(db: Db, ids: string[]): Promise<number> {
  const [first, ...rest] = chunks(ids).map((part) =>
    db.delete(t).where(inArray(t.id, part)).returning({ id: t.id }),
  );
  if (!first) return 0;
  const results = await db.batch([first, ...rest]);
  return results.reduce((n, r) => n + r.length, 0);
}

/** Flags rows whose R2 body was deleted, in one D1 batch. */
export async function markDetailsExpired(db: Db, ids: string[]): Promise<void> {
  const [first, ...rest] = chunks(ids).map((part) =>
    db
      .update(t)
      .set({ detailExpired: true })
      .where(and(inArray(t.id, part), eq(t.detailExpired, false))),
  );
  if (first) await db.batch([first, ...rest]);
}
