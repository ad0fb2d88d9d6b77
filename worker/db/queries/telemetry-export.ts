// Owns the OTLP export counters: add one export's outcome to its day and signal, read the recent days.
import { desc, gte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { type TelemetrySignal, telemetryExportStats } from '../schema';

const t = telemetryExportStats;

export interface ExportOutcome {
  signal: TelemetrySignal;
  batches: number;
  items: number;
  retries: number;
  failedBatches: number;
  droppedItems: number;
}

/** Adds outcomes to their day's counters in one D1 batch (an upsert per signal). */
export async function addExportStats(db: Db, day: string, outcomes: ExportOutcome[]): Promise<void> {
  const [first, ...rest] = outcomes.map((o) =>
    db
      .insert(t)
      .values({ day, ...o })
      .onConflictDoUpdate({
        target: [t.day, t.signal],
        set: {
          batches: sql`${t.batches} + ${o.batches}`,
          items: sql`${t.items} + ${o.items}`,
          retries: sql`${t.retries} + ${o.retries}`,
          failedBatches: sql`${t.failedBatches} + ${o.failedBatches}`,
          droppedItems: sql`${t.droppedItems} + ${o.droppedItems}`,
        },
      }),
  );
  if (first) await db.batch([first, ...rest]);
}

/** Counters of the days from `sinceDay` on, newest first. */
export function readExportStats(db: Db, sinceDay: string) {
  return db.select().from(t).where(gte(t.day, sinceDay)).orderBy(desc(t.day), t.signal);
}
