// Owns the model mappings (client-visible model names) and their links to providers.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { CacheScope, RuleSet, Strategy } from '../../routing/types';
import { pricingColumns } from './pricing';
import { providers } from './providers';

const now = sql`(unixepoch('subsec') * 1000)`;

export const modelMappings = sqliteTable('model_mappings', {
  requestedModel: text('requested_model').primaryKey(),
  strategy: text('strategy').$type<Strategy>().notNull().default('round_robin'),
  modelType: text('model_type').notNull().default('chat'),
  matchingRules: text('matching_rules', { mode: 'json' }).$type<RuleSet>(),
  capabilities: text('capabilities', { mode: 'json' }).$type<Record<string, unknown>>(),
  /** Output tokens assumed by cost-first routing when the request sets no max. */
  expectedOutputTokens: integer('expected_output_tokens'),
  /** Requests and tokens per UTC minute across every key (null = unlimited). */
  rpmLimit: integer('rpm_limit'),
  tpmLimit: integer('tpm_limit'),
  ...pricingColumns(),
  /** Response cache (SPEC §18): seconds an answer is kept (null = off), whose entries a key reads, purge counter. */
  cacheTtlSeconds: integer('cache_ttl_seconds'),
  cacheScope: text('cache_scope').$type<CacheScope>().notNull().default('key'),
  cacheGeneration: integer('cache_generation').notNull().default(0),
  isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
});

export const modelMappingProviders = sqliteTable(
  'model_mapping_providers',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestedModel: text('requested_model')
      .notNull()
      .references(() => modelMappings.requestedModel, { onDelete: 'cascade', onUpdate: 'cascade' }),
    providerId: integer('provider_id')
      .notNull()
      .references(() => providers.id, { onDelete: 'restrict' }),
    targetModelName: text('target_model_name').notNull(),
    providerRules: text('provider_rules', { mode: 'json' }).$type<RuleSet>(),
    ...pricingColumns(),
    priority: integer('priority').notNull().default(0),
    weight: integer('weight').notNull().default(1),
    isActive: integer('is_active', { mode: 'boolean' }).notNull().default(true),
    pausedUntil: integer('paused_until', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().default(now),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().default(now),
  },
  (t) => [index('mmp_requested_model_idx').on(t.requestedModel), index('mmp_provider_idx').on(t.providerId)],
);

export type ModelRow = typeof modelMappings.$inferSelect;
export type LinkRow = typeof modelMappingProviders.$inferSelect;
