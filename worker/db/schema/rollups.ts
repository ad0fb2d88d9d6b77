// Owns the analytics rollups: one row per time bucket × model × provider × target × key × status class × kind.
import { integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Histogram } from '../../analytics/histogram';

export const logRollups = sqliteTable(
  'log_rollups',
  {
    /** Bucket width in minutes: 60 (kept ROLLUP_RETENTION_DAYS) or 5 (kept two days, for short views). */
    grain: integer('grain').notNull(),
    /** Epoch ms of the UTC bucket the records started in. */
    bucketStart: integer('bucket_start').notNull(),
    kind: text('kind').$type<'request' | 'attempt'>().notNull(),
    requestedModel: text('requested_model').notNull(),
    /** 0 when no provider was chosen. */
    providerId: integer('provider_id').notNull(),
    targetModel: text('target_model').notNull(),
    /** 0 for the dashboard's own requests. */
    apiKeyId: integer('api_key_id').notNull(),
    /** The status's hundreds digit (2 = 2xx …), 0 when there was none. */
    statusClass: integer('status_class').notNull(),
    isStream: integer('is_stream').notNull(),
    /** 1 when the row stands for one real upstream outcome (call health counts these). */
    outcome: integer('outcome').notNull(),
    /** The latest names seen for the ids (for display; not part of the key). */
    providerName: text('provider_name'),
    apiKeyName: text('api_key_name'),
    requests: integer('requests').notNull(),
    retries: integer('retries').notNull(),
    inputTokens: integer('input_tokens').notNull(),
    outputTokens: integer('output_tokens').notNull(),
    cacheReadTokens: integer('cache_read_tokens').notNull(),
    cacheWriteTokens: integer('cache_write_tokens').notNull(),
    reasoningTokens: integer('reasoning_tokens').notNull(),
    /** USD, exact (never rounded before display). */
    totalCost: real('total_cost').notNull(),
    inputCost: real('input_cost').notNull(),
    outputCost: real('output_cost').notNull(),
    /** Response cache: requests answered from it, requests that looked (hits + misses), USD the hits saved. */
    cacheHits: integer('cache_hits').notNull().default(0),
    cacheLookups: integer('cache_lookups').notNull().default(0),
    savedCost: real('saved_cost').notNull().default(0),
    firstByteCount: integer('first_byte_count').notNull(),
    firstByteSumMs: integer('first_byte_sum_ms').notNull(),
    totalTimeCount: integer('total_time_count').notNull(),
    totalTimeSumMs: integer('total_time_sum_ms').notNull(),
    /** Log-scale histograms (analytics/histogram.ts), JSON `{"b<index>": count}`. */
    firstByteHist: text('first_byte_hist', { mode: 'json' }).$type<Histogram>().notNull(),
    totalTimeHist: text('total_time_hist', { mode: 'json' }).$type<Histogram>().notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.grain,
        t.bucketStart,
        t.kind,
        t.requestedModel,
        t.providerId,
        t.targetModel,
        t.apiKeyId,
        t.statusClass,
        t.isStream,
        t.outcome,
      ],
    }),
  ],
);

/** Named cursors and markers of background jobs (retention, the rollup backfill). */
export const maintenanceState = sqliteTable('maintenance_state', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export type RollupRow = typeof logRollups.$inferSelect;
