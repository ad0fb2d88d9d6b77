// Owns call health from the rollups: per provider × model and per requested model, with latency percentiles.
import { desc, type SQL, sql } from 'drizzle-orm';
import { type HistogramPercentiles, percentiles } from '../../analytics/histogram';
import type { Db } from '../client';
import {
  type GroupBy,
  groupKey,
  healthColumns,
  histogramQuery,
  histogramsByGroup,
  modelColumn,
  rollups as r,
} from './rollup-read';

export interface CallStatsRow {
  providerId: number | null;
  providerName: string | null;
  model: string | null;
  requestCount: number;
  successCount: number;
  avgTotalTimeMs: number | null;
  avgStreamFirstByteMs: number | null;
  totalTime: HistogramPercentiles | null;
  firstByte: HistogramPercentiles | null;
}

const avg = (sum: number, n: number) => (n > 0 ? sum / n : null);

/**
 * Per provider × model call health over outcome rollups (`where`): counts, success, averages, and
 * p50/p95/p99 of total time and of stream time to first byte from the merged histograms.
 */
export async function callStats(db: Db, where: SQL | undefined, groupBy: GroupBy): Promise<CallStatsRow[]> {
  const model = modelColumn(groupBy);
  const providerId = sql<number>`${r.providerId}`;
  const [rows, total, ttfb] = await db.batch([
    db
      .select({
        providerId,
        providerName: sql<string | null>`max(${r.providerName})`,
        model,
        ...healthColumns(),
      })
      .from(r)
      .where(where)
      .groupBy(r.providerId, model)
      .orderBy(desc(sql`sum(${r.requests})`), r.providerId, model),
    histogramQuery(db, 'total_time_hist', where, [sql`${r.providerId}`, sql`${model}`]),
    histogramQuery(db, 'first_byte_hist', sql`${where} and ${r.isStream} = 1`, [
      sql`${r.providerId}`,
      sql`${model}`,
    ]),
  ]);
  const totals = histogramsByGroup(total);
  const firstBytes = histogramsByGroup(ttfb);
  return rows.map((row) => {
    const key = groupKey(row.providerId, row.model);
    const t = totals.get(key);
    const f = firstBytes.get(key);
    return {
      providerId: row.providerId || null,
      providerName: row.providerName,
      model: row.model || null,
      requestCount: row.requestCount,
      successCount: row.successCount,
      avgTotalTimeMs: avg(row.totalTimeSum, row.totalTimeCount),
      avgStreamFirstByteMs: avg(row.streamFirstByteSum, row.streamFirstByteCount),
      totalTime: t ? percentiles(t) : null,
      firstByte: f ? percentiles(f) : null,
    };
  });
}

export interface ModelHealthRow {
  model: string | null;
  requestCount: number;
  successCount: number;
  avgTotalTimeMs: number | null;
  avgStreamFirstByteMs: number | null;
  totalTime: HistogramPercentiles | null;
}

/** Per requested model health over outcome rollups (each upstream outcome counts once). */
export async function modelHealth(db: Db, where: SQL | undefined): Promise<ModelHealthRow[]> {
  const [rows, total] = await db.batch([
    db
      .select({ model: r.requestedModel, ...healthColumns() })
      .from(r)
      .where(where)
      .groupBy(r.requestedModel)
      .orderBy(desc(sql`sum(${r.requests})`), r.requestedModel),
    histogramQuery(db, 'total_time_hist', where, [sql`${r.requestedModel}`]),
  ]);
  const totals = histogramsByGroup(total);
  return rows.map((row) => {
    const t = totals.get(groupKey(row.model, null));
    return {
      model: row.model || null,
      requestCount: row.requestCount,
      successCount: row.successCount,
      avgTotalTimeMs: avg(row.totalTimeSum, row.totalTimeCount),
      avgStreamFirstByteMs: avg(row.streamFirstByteSum, row.streamFirstByteCount),
      totalTime: t ? percentiles(t) : null,
    };
  });
}
