// Owns adding to the hourly rollups: an upsert per delta, guarded so a redelivered record adds nothing.
import { type SQL, sql } from 'drizzle-orm';
import type { Histogram } from '../../analytics/histogram';
import type { RollupDelta } from '../../analytics/rollup-delta';
import type { Db } from '../client';

/** A delta with whole histograms (the backfill sums many rows before it writes). */
export interface RollupSum extends Omit<RollupDelta, 'firstByteBucket' | 'totalTimeBucket'> {
  firstByteHist: Histogram;
  totalTimeHist: Histogram;
}

/** SQLite takes at most 127 arguments per function call: histograms are added 60 buckets per json_set. */
const PAIRS_PER_CALL = 60;

/**
 * `column` with `add` added bucket by bucket. Keys (`b<int>`) and counts are ours, validated here and
 * written as literals: a histogram would otherwise need hundreds of bound parameters (D1 allows 100).
 */
function histogramPlus(column: string, add: Histogram): SQL {
  const pairs = Object.entries(add).filter(
    ([k, n]) => /^b\d{1,4}$/.test(k) && Number.isSafeInteger(n) && n > 0,
  );
  let expr = `log_rollups.${column}`;
  for (let i = 0; i < pairs.length; i += PAIRS_PER_CALL) {
    const args = pairs
      .slice(i, i + PAIRS_PER_CALL)
      .map(([k, n]) => `'$.${k}', coalesce(json_extract(log_rollups.${column}, '$.${k}'), 0) + ${n}`);
    expr = `json_set(${expr}, ${args.join(', ')})`;
  }
  return sql.raw(expr);
}

function single(bucket: string | null): Histogram {
  return bucket ? { [bucket]: 1 } : {};
}

function upsert(db: Db, d: RollupSum, guard: SQL) {
  return db.run(sql`
    insert into log_rollups (
      grain, bucket_start, kind, requested_model, provider_id, target_model, api_key_id, status_class, is_stream, outcome,
      provider_name, api_key_name, requests, retries, input_tokens, output_tokens, cache_read_tokens,
      cache_write_tokens, reasoning_tokens, total_cost, input_cost, output_cost, cache_hits, cache_lookups,
      saved_cost, first_byte_count,
      first_byte_sum_ms, total_time_count, total_time_sum_ms, first_byte_hist, total_time_hist)
    select ${d.grain}, ${d.bucketStart}, ${d.kind}, ${d.requestedModel}, ${d.providerId}, ${d.targetModel}, ${d.apiKeyId},
      ${d.statusClass}, ${d.isStream}, ${d.outcome}, ${d.providerName}, ${d.apiKeyName}, ${d.requests},
      ${d.retries}, ${d.inputTokens}, ${d.outputTokens}, ${d.cacheReadTokens}, ${d.cacheWriteTokens},
      ${d.reasoningTokens}, ${d.totalCost}, ${d.inputCost}, ${d.outputCost}, ${d.cacheHits}, ${d.cacheLookups},
      ${d.savedCost}, ${d.firstByteCount},
      ${d.firstByteSumMs}, ${d.totalTimeCount}, ${d.totalTimeSumMs}, ${JSON.stringify(d.firstByteHist)},
      ${JSON.stringify(d.totalTimeHist)}
    where ${guard}
    on conflict (grain, bucket_start, kind, requested_model, provider_id, target_model, api_key_id, status_class, is_stream, outcome)
    do update set
      provider_name = coalesce(excluded.provider_name, log_rollups.provider_name),
      api_key_name = coalesce(excluded.api_key_name, log_rollups.api_key_name),
      requests = log_rollups.requests + excluded.requests,
      retries = log_rollups.retries + excluded.retries,
      input_tokens = log_rollups.input_tokens + excluded.input_tokens,
      output_tokens = log_rollups.output_tokens + excluded.output_tokens,
      cache_read_tokens = log_rollups.cache_read_tokens + excluded.cache_read_tokens,
      cache_write_tokens = log_rollups.cache_write_tokens + excluded.cache_write_tokens,
      reasoning_tokens = log_rollups.reasoning_tokens + excluded.reasoning_tokens,
      total_cost = log_rollups.total_cost + excluded.total_cost,
      input_cost = log_rollups.input_cost + excluded.input_cost,
      output_cost = log_rollups.output_cost + excluded.output_cost,
      cache_hits = log_rollups.cache_hits + excluded.cache_hits,
      cache_lookups = log_rollups.cache_lookups + excluded.cache_lookups,
      saved_cost = log_rollups.saved_cost + excluded.saved_cost,
      first_byte_count = log_rollups.first_byte_count + excluded.first_byte_count,
      first_byte_sum_ms = log_rollups.first_byte_sum_ms + excluded.first_byte_sum_ms,
      total_time_count = log_rollups.total_time_count + excluded.total_time_count,
      total_time_sum_ms = log_rollups.total_time_sum_ms + excluded.total_time_sum_ms,
      first_byte_hist = ${histogramPlus('first_byte_hist', d.firstByteHist)},
      total_time_hist = ${histogramPlus('total_time_hist', d.totalTimeHist)}`);
}

/**
 * Adds one record to its rollup, but only if the statement just before it in the same D1 batch
 * changed a row: `changes()` is 0 after an `INSERT OR IGNORE` that met an existing id (and after an
 * upsert whose guard stopped it), so a redelivered or retried record is counted exactly once.
 */
export function addIfInserted(db: Db, d: RollupDelta) {
  const { firstByteBucket, totalTimeBucket, ...rest } = d;
  const sum: RollupSum = {
    ...rest,
    firstByteHist: single(firstByteBucket),
    totalTimeHist: single(totalTimeBucket),
  };
  return upsert(db, sum, sql`changes() = 1`);
}

/** Adds a summed delta unconditionally (the backfill, whose own cursor makes it exactly-once). */
export function addSum(db: Db, d: RollupSum) {
  return upsert(db, d, sql`true`);
}
