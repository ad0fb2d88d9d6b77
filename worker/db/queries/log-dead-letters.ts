// Owns reading the dead-letter table: log messages the consumer gave up on, newest first.
import { count, desc } from 'drizzle-orm';
import type { Db } from '../client';
import { logDeadLetters } from '../schema';

export async function listDeadLetters(db: Db, limit: number, offset: number) {
  const [rows, totals] = await db.batch([
    db.select().from(logDeadLetters).orderBy(desc(logDeadLetters.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(logDeadLetters),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}
