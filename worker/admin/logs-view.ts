// Owns how a log row is shown by the admin API: the snake_case summary and its detail status.

import { rowTrace } from '../db/queries/log-detail';
import type { RequestLogRow } from '../db/schema';
import { iso } from './http';

const DAY_MS = 86_400_000;

/** Whether a row's R2 body can be shown: kept, past retention (or deleted), or never recorded. */
export type DetailStatus = 'available' | 'expired' | 'not_recorded';

/** Rows older than this have lost their bodies, whether or not retention has run yet. */
export function detailCutoff(detailRetentionDays: number, now = Date.now()): number {
  return now - detailRetentionDays * DAY_MS;
}

/** The detail status the index alone can tell; `available` still needs the R2 object to exist. */
export function indexedDetailStatus(row: RequestLogRow, cutoff: number): DetailStatus {
  if (row.detailExpired) return 'expired';
  // No body key means the API key had record_details=false: metrics only.
  if (!row.r2Key) return 'not_recorded';
  return row.requestTime < cutoff ? 'expired' : 'available';
}

/** The summary of one row, as the list, the detail and the nested attempts show it. */
export function logSummary(row: RequestLogRow, cutoff: number) {
  return {
    id: row.id,
    trace_id: rowTrace(row),
    kind: row.kind,
    attempt_index: row.attemptIndex,
    request_time: iso(row.requestTime),
    requested_model: row.requestedModel,
    target_model: row.targetModel,
    provider_id: row.providerId,
    provider_name: row.providerName,
    response_status: row.responseStatus,
    input_tokens: row.inputTokens,
    output_tokens: row.outputTokens,
    cache_read_tokens: row.cacheReadTokens,
    cache_write_tokens: row.cacheWriteTokens,
    reasoning_tokens: row.reasoningTokens,
    total_tokens: row.totalTokens,
    input_cost: row.inputCost,
    output_cost: row.outputCost,
    cached_input_cost: row.cachedInputCost,
    total_cost: row.totalCost,
    price_source: row.priceSource,
    usage_source: row.usageSource,
    first_byte_delay_ms: row.firstByteDelayMs,
    total_time_ms: row.totalTimeMs,
    retry_count: row.retryCount,
    matched_provider_count: row.matchedProviderCount,
    is_stream: row.isStream,
    api_key_id: row.apiKeyId,
    api_key_name: row.apiKeyName,
    user_id: row.userId,
    request_protocol: row.requestProtocol,
    supplier_protocol: row.supplierProtocol,
    request_path: row.requestPath,
    request_method: 'POST',
    // In the row's body (see the detail); not kept in the index.
    upstream_url: null,
    error_type: row.errorType,
    error_message: row.errorMessage,
    balancer_fallback: row.balancerFallback,
    replay_of: row.replayOf,
    cache_status: row.cacheStatus,
    cache_hit: row.cacheStatus === 'HIT',
    saved_cost: row.savedCost,
    detail_available: indexedDetailStatus(row, cutoff) === 'available',
  };
}

export type LogSummary = ReturnType<typeof logSummary>;

/** A request's summary with its failed attempts nested under it. */
export function requestWithAttempts(row: RequestLogRow, attempts: RequestLogRow[], cutoff: number) {
  return {
    ...logSummary(row, cutoff),
    retry_attempt_count: attempts.length,
    retry_attempts: attempts.map((a) => logSummary(a, cutoff)),
  };
}
