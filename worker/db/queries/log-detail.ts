// Owns the queries behind one log's detail: the row itself, its attempts, or its parent request.
import { and, asc, eq, gt, lt, or, type SQL } from 'drizzle-orm';
import { traceOfRecord } from '../../lib/record-id';
import type { Db } from '../client';
import { type RequestLogRow, requestLogs } from '../schema';

const t = requestLogs;

/** One log row by id, or null. */
export async function findLog(db: Db, id: string): Promise<RequestLogRow | null> {
  return (await db.select().from(t).where(eq(t.id, id)).get()) ?? null;
}

/** The trace a row belongs to: carried by its id, or by the column on rows of older versions. */
export function rowTrace(row: Pick<RequestLogRow, 'id' | 'traceId'>): string {
  return row.traceId ?? traceOfRecord(row.id);
}

/**
 * The attempt rows of a trace: ids `<trace>.<n>` are one range of the primary key (`/` sorts just
 * after `.`), and rows of older versions are found by their legacy trace index.
 */
export function attemptsOfTrace(traceId: string): SQL {
  return or(and(gt(t.id, `${traceId}.`), lt(t.id, `${traceId}/`)), eq(t.traceId, traceId)) as SQL;
}

/** The failed attempts of a trace, in attempt order. */
export function findAttempts(db: Db, traceId: string): Promise<RequestLogRow[]> {
  return db
    .select()
    .from(t)
    .where(and(attemptsOfTrace(traceId), eq(t.kind, 'attempt')))
    .orderBy(asc(t.attemptIndex), asc(t.requestTime));
}

/** The id of the client request a trace belongs to, or null when it has not been stored (yet). */
export async function findRequestId(db: Db, traceId: string): Promise<string | null> {
  const row = await db
    .select({ id: t.id })
    .from(t)
    .where(and(or(eq(t.id, traceId), eq(t.traceId, traceId)), eq(t.kind, 'request')))
    .get();
  return row?.id ?? null;
}
