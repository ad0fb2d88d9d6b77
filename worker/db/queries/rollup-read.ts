// Owns reading the rollups for analytics: filters, sums, trend buckets, rankings, merged latency histograms.
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Histogram } from '../../analytics/histogram';
import type { Grain } from '../../analytics/rollup-delta';
import type { Db } from '../client';
import { logRollups } from '../schema';

const r = logRollups;

/** What analytics can filter on: the rollup's dimensions (user ids are not one: see the log list). */
export interface RollupFilter {
  grain: Grain;
  /** Inclusive, aligned to the grain. */
  start: number;
  /** Exclusive, aligned to the grain. */
  end: number;
  /** Substring of the requested model. */
  requestedModel?: string;
  /** Exact requested model. */
  model?: string;
  providerId?: number;
  apiKeyId?: number;
  /** Substring of the key's name. */
  apiKeyName?: string;
}

function contains(column: typeof r.requestedModel | typeof r.apiKeyName, needle: string): SQL {
  return sql`instr(lower(${column}), lower(${needle})) > 0`;
}

/** The filter's conditions, any row kind. */
export function rollupConditions(f: RollupFilter): SQL[] {
  const out: SQL[] = [eq(r.grain, f.grain), gte(r.bucketStart, f.start), lt(r.bucketStart, f.end)];
  if (f.requestedModel !== undefined) out.push(contains(r.requestedModel, f.requestedModel));
  if (f.model !== undefined) out.push(eq(r.requestedModel, f.model));
  if (f.providerId !== undefined) out.push(eq(r.providerId, f.providerId));
  if (f.apiKeyId !== undefined) out.push(eq(r.apiKeyId, f.apiKeyId));
  if (f.apiKeyName !== undefined) out.push(contains(r.apiKeyName, f.apiKeyName));
  return out;
}

/** Client requests only. */
export function requestRollups(f: RollupFilter): SQL | undefined {
  return and(eq(r.kind, 'request'), ...rollupConditions(f));
}

/** Rows that stand for one upstream outcome each, attempts included (call health). */
export function outcomeRollups(f: RollupFilter): SQL | undefined {
  return and(eq(r.outcome, 1), ...rollupConditions(f));
}

const isSuccess = sql`${r.statusClass} in (2, 3)`;

/** The sums every statistics row carries. */
export function sums() {
  return {
    requestCount: sql<number>`coalesce(sum(${r.requests}), 0)`,
    successCount: sql<number>`coalesce(sum(case when ${isSuccess} then ${r.requests} else 0 end), 0)`,
    totalCost: sql<number>`total(${r.totalCost})`,
    inputCost: sql<number>`total(${r.inputCost})`,
    outputCost: sql<number>`total(${r.outputCost})`,
    inputTokens: sql<number>`coalesce(sum(${r.inputTokens}), 0)`,
    outputTokens: sql<number>`coalesce(sum(${r.outputTokens}), 0)`,
    cacheReadTokens: sql<number>`coalesce(sum(${r.cacheReadTokens}), 0)`,
    cacheWriteTokens: sql<number>`coalesce(sum(${r.cacheWriteTokens}), 0)`,
    reasoningTokens: sql<number>`coalesce(sum(${r.reasoningTokens}), 0)`,
    cacheHits: sql<number>`coalesce(sum(${r.cacheHits}), 0)`,
    cacheLookups: sql<number>`coalesce(sum(${r.cacheLookups}), 0)`,
    savedCost: sql<number>`total(${r.savedCost})`,
  };
}

export type Sums = { [K in keyof ReturnType<typeof sums>]: number };

/** Adds up per-bucket sums: the summary is the trend's total, so it costs no extra pass. */
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
  for (const row of rows) for (const k of Object.keys(total) as (keyof Sums)[]) total[k] += row[k];
  return total;
}

export interface Bucketing {
  /** Bucket width, ms (a multiple of the grain). */
  sizeMs: number;
  /** Local time minus UTC, ms: buckets start at local boundaries. */
  offsetMs: number;
}

/** The trend: sums per bucket; integer casts keep the division integral (D1 binds numbers as REAL). */
export function trendQuery(db: Db, where: SQL | undefined, b: Bucketing) {
  const bucket = sql<number>`((${r.bucketStart} + cast(${b.offsetMs} as integer)) / cast(${b.sizeMs} as integer))`;
  return db
    .select({ bucket, ...sums() })
    .from(r)
    .where(where)
    .groupBy(bucket)
    .orderBy(bucket);
}

export type GroupBy = 'request_model' | 'provider_model';

export function modelColumn(groupBy: GroupBy) {
  return groupBy === 'provider_model' ? r.targetModel : r.requestedModel;
}

/** Top 50 models by cost, by input + output tokens, or (only models that used it) by what the cache saved. */
export function byModelQuery(
  db: Db,
  where: SQL | undefined,
  groupBy: GroupBy,
  rank: 'cost' | 'tokens' | 'cache',
) {
  const model = modelColumn(groupBy);
  const s = sums();
  const order =
    rank === 'cost'
      ? [desc(s.totalCost)]
      : rank === 'tokens'
        ? [desc(sql`coalesce(sum(${r.inputTokens}), 0) + coalesce(sum(${r.outputTokens}), 0)`)]
        : [desc(s.savedCost), desc(s.cacheHits), desc(s.cacheLookups)];
  const query = db
    .select({ model, ...s })
    .from(r)
    .where(where)
    .groupBy(model)
    .$dynamic();
  const used = rank === 'cache' ? query.having(sql`sum(${r.cacheLookups}) > 0`) : query;
  return used.orderBy(...order, model).limit(50);
}

/** A histogram column summed over the matching rows, optionally per group: one row per (group, bucket). */
export function histogramQuery(
  db: Db,
  column: 'first_byte_hist' | 'total_time_hist',
  where: SQL | undefined,
  groups: SQL[] = [],
) {
  return db
    .select({
      // Named, so D1's batch results (objects keyed by column name) keep all four apart.
      g1: sql<string | number | null>`${groups[0] ?? sql`null`}`.as('g1'),
      g2: sql<string | number | null>`${groups[1] ?? sql`null`}`.as('g2'),
      k: sql<string>`j.key`.as('k'),
      n: sql<number>`sum(j.value)`.as('n'),
    })
    .from(sql`${r}, json_each(${r}.${sql.raw(column)}) j`)
    .where(where)
    .groupBy(sql`1`, sql`2`, sql`3`);
}

/** Merges histogram query rows into one histogram per group key. */
export function histogramsByGroup(rows: { g1: unknown; g2: unknown; k: string; n: number }[]) {
  const out = new Map<string, Histogram>();
  for (const row of rows) {
    const key = JSON.stringify([row.g1 ?? null, row.g2 ?? null]);
    const h = out.get(key) ?? {};
    h[row.k] = (h[row.k] ?? 0) + Number(row.n);
    out.set(key, h);
  }
  return out;
}

export function groupKey(g1: unknown, g2: unknown): string {
  return JSON.stringify([g1 ?? null, g2 ?? null]);
}

/** Call health sums per group: counts, successes, and the averages' sums and counts. */
export function healthColumns() {
  return {
    requestCount: sql<number>`coalesce(sum(${r.requests}), 0)`,
    successCount: sql<number>`coalesce(sum(case when ${isSuccess} then ${r.requests} else 0 end), 0)`,
    totalTimeSum: sql<number>`coalesce(sum(${r.totalTimeSumMs}), 0)`,
    totalTimeCount: sql<number>`coalesce(sum(${r.totalTimeCount}), 0)`,
    streamFirstByteSum: sql<number>`coalesce(sum(case when ${r.isStream} = 1 then ${r.firstByteSumMs} else 0 end), 0)`,
    streamFirstByteCount: sql<number>`coalesce(sum(case when ${r.isStream} = 1 then ${r.firstByteCount} else 0 end), 0)`,
  };
}

export { r as rollups };
