// Owns the single-row config version that isolates poll to invalidate their cached routing config.
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

export const configVersion = sqliteTable('config_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
