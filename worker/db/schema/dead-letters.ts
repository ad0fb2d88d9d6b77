// Owns the dead-letter record: log messages the consumer could not store, kept so nothing vanishes.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const logDeadLetters = sqliteTable('log_dead_letters', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  messageId: text('message_id').notNull().unique(),
  recordId: text('record_id'),
  traceId: text('trace_id'),
  attempts: integer('attempts').notNull(),
  error: text('error').notNull(),
  /** The (already sanitized) message, truncated, so it can be replayed by hand. */
  body: text('body').notNull(),
  receivedAt: integer('received_at').notNull(),
});
