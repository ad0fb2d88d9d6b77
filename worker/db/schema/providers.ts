// Owns the `providers` table: upstream endpoints with their protocol, encrypted key and options.
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { ProviderOptions } from '../../protocols/upstream';

export const providers = sqliteTable('providers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  remark: text('remark'),
  baseUrl: text('base_url').notNull(),
  protocol: text('protocol').notNull(),
  /** AES-256-GCM ciphertext (`enc:v1:` prefix); never plaintext. */
  apiKey: text('api_key'),
  extraHeaders: text('extra_headers', { mode: 'json' }).$type<Record<string, string>>(),
  providerOptions: text('provider_options', { mode: 'json' }).$type<ProviderOptions>(),
  responseTimeoutSeconds: integer('response_timeout_seconds').notNull().default(1800),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

export type ProviderRow = typeof providers.$inferSelect;
