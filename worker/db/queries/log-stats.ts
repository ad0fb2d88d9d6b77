// Owns the log statistics aggregates: summary, time buckets and per-model cost and token rankings.
import { desc, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { requestLogs } from '../schema';
import { isSuccessStatus } from './log-filters';

const t = requestLogs;

/** The sums every statistics row carries; SQLite's `total()` gives 0.0 rather than null on no rows. */
function sums() {
  return {
    requestCount: sql<number>`count(*)`,
    successCount: sql<number>`coalesce(sum(case when ${isSuccessStatus} then 1 else 0 end), 0)`,
    totalCost: sql<number>`total(${t.totalCost})`,
    inputCost: sql<number>`total(${t.inputCost})`,
    outputCost: sql<number>`total(${t.outputCost})`,
    inputTokens: sql<number>`coalesce(sum(${t.inputTokens}), 0)`,
    outputTokens: sql<number>`coalesce(sum(${t.outputTokens}), 0)`,
    cacheReadTokens: sql<number>`coalesce(sum(${t.cacheReadTokens}), 0)`,
    cacheWriteTokens: sql<number>`coalesce(sum(${t.cacheWriteTokens}), 0)`,
    reasoningTokens: sql<number>`coalesce(sum(${t.reasoningTokens}), 0)`,
    // Response cache: hits, the requests that looked (hits + misses), and the money hits saved.
    cacheHits: sql<number>`coalesce(sum(case when ${t.cacheStatus} = 'HIT' then 1 else 0 end), 0)`,
    cacheLookups: sql<number>`coalesce(sum(case when ${t.cacheStatus} in ('HIT', 'MISS') then 1 else 0 end), 0)`,
    savedCost: sql<number>`total(${t.savedCost})`,
  };
}

export type Sums = { [K in keyof ReturnType<typeof sums>]: number };

/** Adds up per-bucket sums: the summary is the trend's total, so it costs no extra pass over the rows. */
export function addSums(rows: Sums[]): Sums {
  const total: Sums = {
    requestCount: 0,
    successCount: 0,
    totalCost: 0,
    inputCost: 0,
    outputCost: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cacheHits: 0,
    cacheLookups: 0,
    savedCost: 0,
  };
  for (const r of rows) {
    for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += r[k];
  }
  return total;
}

export interface Bucketing {
  /** Bucket width, ms. */
  sizeMs: number;
  /** Local time minus UTC, ms: buckets start at local midnight/hour boundaries. */
  offsetMs: number;
}

/** Bucket index of a row: floor((utc + offset) / size); the integer casts keep the division integral. */
function bucketExpr(b: Bucketing): SQL<number> {
  return sql<number>`((${t.requestTime} + cast(${b.offsetMs} as integer)) / cast(${b.sizeMs} as integer))`;
}

export function trendQuery(db: Db, where: SQL | undefined, b: Bucketing) {
  const bucket = bucketExpr(b);
  return db
    .select({ bucket, ...sums() })
    .from(t)
    .where(where)
    .groupBy(bucket)
    .orderBy(bucket);
}

/** The column a statistics row is grouped under: the client's model name or the provider's. */
export function modelColumn(groupBy: 'request_model' | 'provider_model') {
  return groupBy === 'provider_model' ? t.targetModel : t.requestedModel;
}

/** Top 50 models by cost, or by input + output tokens. */
export function byModelQuery(
  db: Db,
  where: SQL | undefined,
  groupBy: 'request_model' | 'provider_model',
  rank: 'cost' | 'tokens',
) {
  const model = modelColumn(groupBy);
  const s = sums();
  const order =
    rank === 'cost'
      ? desc(s.totalCost)
      : desc(sql`coalesce(sum(${t.inputTokens}), 0) + coalesce(sum(${t.outputTokens}), 0)`);
  return db
    .select({ model, ...s })
    .from(t)
    .where(where)
    .groupBy(model)
    .orderBy(order, model)
    .limit(50);
}
