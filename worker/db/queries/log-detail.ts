// Owns the queries behind one log's detail: the row itself, its attempts, or its parent request.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client';
import { type RequestLogRow, requestLogs } from '../schema';

const t = requestLogs;

/** One log row by id, or null. */
export async function findLog(db: Db, id: string): Promise<RequestLogRow | null> {
  return (await db.select().from(t).where(eq(t.id, id)).get()) ?? null;
}

/** The failed attempts of a trace, in attempt order. */
export function findAttempts(db: Db, traceId: string): Promise<RequestLogRow[]> {
  return db
    .select()
    .from(t)
    .where(and(eq(t.traceId, traceId), eq(t.kind, 'attempt')))
    .orderBy(asc(t.attemptIndex), asc(t.requestTime));
}

/** The id of the client request a trace belongs to, or null when it has not been stored (yet). */
export async function findRequestId(db: Db, traceId: string): Promise<string | null> {
  const row = await db
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.traceId, traceId), eq(t.kind, 'request')))
    .get();
  return row?.id ?? null;
}
