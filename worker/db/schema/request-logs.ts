// Owns the searchable log index: one row per request and one per failed upstream attempt.
// Heavy payloads (headers, bodies, URLs) live in R2; a row says where (`r2_key`, byte range). Rows are
// kept lean — every byte is paid a million times a day — and analytics read the rollups, not this table.
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const requestLogs = sqliteTable(
  'request_logs',
  {
    /**
     * Record id chosen by the producer: the trace id for the request row, `<trace id>/<n>` for its
     * n-th failed attempt. `INSERT OR IGNORE` on it makes redelivery harmless, and a trace's rows are
     * one primary-key range, so no trace index is needed.
     */
    id: text('id').primaryKey(),
    /** Only on rows written before ids carried the trace (their ids are random). */
    traceId: text('trace_id'),
    /** `request` for the client-facing row, `attempt` for each failed upstream try. */
    kind: text('kind').$type<'request' | 'attempt'>().notNull(),
    attemptIndex: integer('attempt_index'),
    requestTime: integer('request_time').notNull(),
    apiKeyId: integer('api_key_id'),
    apiKeyName: text('api_key_name'),
    userId: text('user_id'),
    requestedModel: text('requested_model'),
    targetModel: text('target_model'),
    providerId: integer('provider_id'),
    providerName: text('provider_name'),
    linkId: integer('link_id'),
    retryCount: integer('retry_count').notNull().default(0),
    matchedProviderCount: integer('matched_provider_count'),
    firstByteDelayMs: integer('first_byte_delay_ms'),
    totalTimeMs: integer('total_time_ms'),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    cacheReadTokens: integer('cache_read_tokens'),
    cacheWriteTokens: integer('cache_write_tokens'),
    reasoningTokens: integer('reasoning_tokens'),
    totalTokens: integer('total_tokens'),
    usageSource: text('usage_source'),
    inputCost: real('input_cost'),
    outputCost: real('output_cost'),
    cachedInputCost: real('cached_input_cost'),
    totalCost: real('total_cost'),
    priceSource: text('price_source'),
    responseStatus: integer('response_status'),
    errorType: text('error_type'),
    errorMessage: text('error_message'),
    isStream: integer('is_stream', { mode: 'boolean' }).notNull().default(false),
    requestProtocol: text('request_protocol'),
    supplierProtocol: text('supplier_protocol'),
    requestPath: text('request_path'),
    /** True when the balancer was unavailable and a static order was used. */
    balancerFallback: integer('balancer_fallback', { mode: 'boolean' }).notNull().default(false),
    /** Trace id of the log this request replays, when started from the admin retry. */
    replayOf: text('replay_of'),
    /** Response cache outcome (SPEC §18); null when caching did not apply. A HIT costs 0 upstream. */
    cacheStatus: text('cache_status').$type<'HIT' | 'MISS' | 'BYPASS'>(),
    /** On a HIT: what the answer would have cost from its provider (the money the cache saved). */
    savedCost: real('saved_cost'),
    /** The R2 object of the detail, relative to the row's day prefix (`logs/YYYY/MM/DD/`); full key on old rows. */
    r2Key: text('r2_key'),
    /** Byte range of this record inside a shared batch object; null when the object is the record's own. */
    r2Offset: integer('r2_offset'),
    r2Length: integer('r2_length'),
    /** Set on rows of old versions whose body was deleted; bodies now expire with their day's objects. */
    detailExpired: integer('detail_expired', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    // The list's order and keyset, time-range filters and retention all walk this one index.
    index('rl_time_idx').on(t.requestTime),
    // Old rows only (new ones have no trace_id), so it costs new rows nothing.
    index('rl_trace_legacy_idx').on(t.traceId).where(sql`${t.traceId} is not null`),
  ],
);

export type RequestLogRow = typeof requestLogs.$inferSelect;
export type RequestLogInsert = typeof requestLogs.$inferInsert;
