// Owns the `api_keys` table: gateway keys stored as SHA-256 hashes with a display prefix/suffix.
import { sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { BudgetPeriod } from '../../limits/types';

export const apiKeys = sqliteTable('api_keys', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  keyName: text('key_name').notNull().unique(),
  /** Hex SHA-256 of the full key; the key itself is never stored. */
  keyHash: text('key_hash').notNull().unique(),
  keyPrefix: text('key_prefix').notNull(),
  keySuffix: text('key_suffix').notNull(),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  recordDetails: integer('record_details', { mode: 'boolean' }).notNull().default(true),
  /** May authenticate the MCP management server at /mcp; never grantable through MCP itself. */
  isMcpAdmin: integer('is_mcp_admin', { mode: 'boolean' }).notNull().default(false),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
  /** Governance (SPEC §15), each null = unlimited: requests and tokens per UTC minute, requests in flight. */
  rpmLimit: integer('rpm_limit'),
  tpmLimit: integer('tpm_limit'),
  concurrencyLimit: integer('concurrency_limit'),
  /** Spend allowed per `budget_period` (UTC calendar day or month, or in total). */
  budgetUsd: real('budget_usd'),
  budgetPeriod: text('budget_period').$type<BudgetPeriod>(),
  /** Requested model names this key may use (`*` suffix wildcards); null = every model. */
  allowedModels: text('allowed_models', { mode: 'json' }).$type<string[]>(),
  /** Applied to each distinct `x-user-id` under this key. */
  userRpmLimit: integer('user_rpm_limit'),
  userBudgetUsd: real('user_budget_usd'),
  /** Response cache purge counter: entries stored under an older generation of this key are never read. */
  cacheGeneration: integer('cache_generation').notNull().default(0),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;
