// Owns the `telemetry_export_stats` table: what the OTLP export delivered, retried and dropped, per UTC day and signal.
import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export type TelemetrySignal = 'traces' | 'metrics';

export const telemetryExportStats = sqliteTable(
  'telemetry_export_stats',
  {
    /** `YYYY-MM-DD`, UTC. */
    day: text('day').notNull(),
    signal: text('signal').$type<TelemetrySignal>().notNull(),
    /** Export requests the receiver accepted. */
    batches: integer('batches').notNull().default(0),
    /** Spans, or request records behind the metric points, the receiver accepted. */
    items: integer('items').notNull().default(0),
    /** Tries after a first failed one. */
    retries: integer('retries').notNull().default(0),
    /** Export requests given up after the bounded retries (or refused outright). */
    failedBatches: integer('failed_batches').notNull().default(0),
    /** Items in failed batches plus those the receiver rejected in a partial success. */
    droppedItems: integer('dropped_items').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.signal] })],
);

export type TelemetryExportStatsRow = typeof telemetryExportStats.$inferSelect;
