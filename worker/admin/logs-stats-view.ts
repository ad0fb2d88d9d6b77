// Owns how statistics rows are shown: rounded money, rates, filled trend buckets, percentile objects.
import type { HistogramPercentiles } from '../analytics/histogram';
import type { CallStatsRow } from '../db/queries/rollup-health';
import { addSums, type Bucketing, type Sums } from '../db/queries/rollup-read';

/**
 * Costs are stored exact (a 3-token embedding costs $0.00000006); rounding to 10 decimals only removes
 * the float noise of a sum. Display rounding is the dashboard's business.
 */
export function money(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

function ms(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

export function percentiles(p: HistogramPercentiles | null | undefined) {
  return { count: p?.count ?? 0, p50: p?.p50 ?? null, p95: p?.p95 ?? null, p99: p?.p99 ?? null };
}

export function totalsView(s: Sums) {
  return {
    request_count: s.requestCount,
    success_count: s.successCount,
    total_cost: money(s.totalCost),
    input_cost: money(s.inputCost),
    output_cost: money(s.outputCost),
    input_tokens: s.inputTokens,
    output_tokens: s.outputTokens,
    total_tokens: s.inputTokens + s.outputTokens,
    cache_read_tokens: s.cacheReadTokens,
    cache_write_tokens: s.cacheWriteTokens,
    reasoning_tokens: s.reasoningTokens,
    cache_hits: s.cacheHits,
    cache_lookups: s.cacheLookups,
    cache_hit_rate: rate(s.cacheHits, s.cacheLookups),
    saved_cost: money(s.savedCost),
  };
}

export function summaryView(s: Sums) {
  return {
    ...totalsView(s),
    failure_count: s.requestCount - s.successCount,
    success_rate: rate(s.successCount, s.requestCount),
  };
}

/**
 * Every bucket from `start` to `end`, empty ones included so charts stay continuous. Bucket `i` covers
 * local time [i·size, (i+1)·size); its start is returned as the UTC instant.
 */
export function trendView(rows: (Sums & { bucket: number })[], b: Bucketing, start: number, end: number) {
  const found = new Map(rows.map((r) => [Number(r.bucket), r]));
  const first = Math.floor((start + b.offsetMs) / b.sizeMs);
  const last = Math.floor((end - 1 + b.offsetMs) / b.sizeMs);
  const out = [];
  for (let i = first; i <= last; i++) {
    const row = found.get(i);
    const totals = totalsView(row ?? addSums([]));
    out.push({
      bucket_start: new Date(i * b.sizeMs - b.offsetMs).toISOString(),
      request_count: totals.request_count,
      success_count: totals.success_count,
      error_count: totals.request_count - totals.success_count,
      total_cost: totals.total_cost,
      input_cost: totals.input_cost,
      output_cost: totals.output_cost,
      input_tokens: totals.input_tokens,
      output_tokens: totals.output_tokens,
      cache_read_tokens: totals.cache_read_tokens,
      cache_write_tokens: totals.cache_write_tokens,
    });
  }
  return out;
}

export function callStatsView(r: CallStatsRow) {
  return {
    provider_id: r.providerId,
    provider_name: r.providerName ?? '-',
    model: r.model ?? '-',
    request_count: r.requestCount,
    success_count: r.successCount,
    failure_count: r.requestCount - r.successCount,
    success_rate: rate(r.successCount, r.requestCount),
    avg_total_time_ms: ms(r.avgTotalTimeMs),
    avg_first_byte_ms: ms(r.avgStreamFirstByteMs),
    total_time_ms: percentiles(r.totalTime),
    first_byte_ms: percentiles(r.firstByte),
  };
}
