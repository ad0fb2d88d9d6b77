// Owns the rollup reads behind /metrics: request counters and latency histograms by model and provider since a time.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { histogramQuery, rollups as r } from './rollup-read';

/** Client requests counted from `since` (epoch ms, an hour boundary), and every failed upstream attempt. */
export function metricQueries(db: Db, since: number) {
  const window = [eq(r.grain, 60), gte(r.bucketStart, since)];
  const requests = and(...window, eq(r.kind, 'request'));
  const byModelProvider = [sql`${r.requestedModel}`, sql`${r.providerId}`];
  return [
    db
      .select({
        model: r.requestedModel,
        providerId: r.providerId,
        provider: sql<string | null>`max(${r.providerName})`.as('provider'),
        statusClass: r.statusClass,
        isStream: r.isStream,
        requests: sql<number>`sum(${r.requests})`.as('requests'),
        retries: sql<number>`sum(${r.retries})`.as('retries'),
        inputTokens: sql<number>`sum(${r.inputTokens})`.as('input_tokens'),
        outputTokens: sql<number>`sum(${r.outputTokens})`.as('output_tokens'),
        cacheReadTokens: sql<number>`sum(${r.cacheReadTokens})`.as('cache_read_tokens'),
        cacheWriteTokens: sql<number>`sum(${r.cacheWriteTokens})`.as('cache_write_tokens'),
        reasoningTokens: sql<number>`sum(${r.reasoningTokens})`.as('reasoning_tokens'),
        cost: sql<number>`total(${r.totalCost})`.as('cost'),
        cacheHits: sql<number>`sum(${r.cacheHits})`.as('cache_hits'),
        savedCost: sql<number>`total(${r.savedCost})`.as('saved_cost'),
        firstByteSumMs: sql<number>`sum(${r.firstByteSumMs})`.as('first_byte_sum_ms'),
        totalTimeSumMs: sql<number>`sum(${r.totalTimeSumMs})`.as('total_time_sum_ms'),
      })
      .from(r)
      .where(requests)
      .groupBy(r.requestedModel, r.providerId, r.statusClass, r.isStream),
    db
      .select({
        providerId: r.providerId,
        provider: sql<string | null>`max(${r.providerName})`.as('provider'),
        statusClass: r.statusClass,
        attempts: sql<number>`sum(${r.requests})`.as('attempts'),
      })
      .from(r)
      .where(and(...window, eq(r.kind, 'attempt')))
      .groupBy(r.providerId, r.statusClass),
    histogramQuery(db, 'first_byte_hist', requests, byModelProvider),
    histogramQuery(db, 'total_time_hist', requests, byModelProvider),
  ] as const;
}
