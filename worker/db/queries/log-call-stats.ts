// Owns upstream call health: per provider × model and per requested model, counting real upstream outcomes.
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { requestLogs } from '../schema';
import { isOutcomeRow, isSuccessStatus } from './log-filters';
import { byGroup, groupKey, type Percentiles, percentileQuery } from './log-percentiles';
import { modelColumn } from './log-stats';

const t = requestLogs;

function health() {
  return {
    requestCount: sql<number>`count(*)`,
    successCount: sql<number>`coalesce(sum(case when ${isSuccessStatus} then 1 else 0 end), 0)`,
    avgTotalTimeMs: sql<number | null>`avg(${t.totalTimeMs})`,
    avgStreamFirstByteMs: sql<number | null>`avg(case when ${t.isStream} = 1 then ${t.firstByteDelayMs} end)`,
  };
}

export interface CallStatsRow {
  providerId: number | null;
  providerName: string | null;
  model: string | null;
  requestCount: number;
  successCount: number;
  avgTotalTimeMs: number | null;
  avgStreamFirstByteMs: number | null;
  totalTime: Percentiles | null;
  firstByte: Percentiles | null;
}

/**
 * Per provider × model call health over `where` (any row kind): counts, success, and exact p50/p95/p99
 * of total time and of stream time to first byte. One D1 round trip.
 */
export async function callStats(
  db: Db,
  where: SQL | undefined,
  groupBy: 'request_model' | 'provider_model',
): Promise<CallStatsRow[]> {
  const model = modelColumn(groupBy);
  const scope = and(where, isOutcomeRow);
  const [rows, total, ttfb] = await db.batch([
    db
      .select({
        providerName: t.providerName,
        model,
        providerId: sql<number | null>`max(${t.providerId})`,
        ...health(),
      })
      .from(t)
      .where(scope)
      .groupBy(t.providerName, model)
      .orderBy(desc(sql`count(*)`), t.providerName, model),
    percentileQuery(db, { value: t.totalTimeMs, where: scope, groups: [t.providerName, model] }),
    percentileQuery(db, {
      value: t.firstByteDelayMs,
      where: and(scope, eq(t.isStream, true)),
      groups: [t.providerName, model],
    }),
  ]);
  const totals = byGroup(total);
  const firstBytes = byGroup(ttfb);
  return rows.map((r) => ({
    ...r,
    totalTime: totals.get(groupKey(r.providerName, r.model)) ?? null,
    firstByte: firstBytes.get(groupKey(r.providerName, r.model)) ?? null,
  }));
}

export interface ModelHealthRow {
  model: string | null;
  requestCount: number;
  successCount: number;
  avgTotalTimeMs: number | null;
  avgStreamFirstByteMs: number | null;
  totalTime: Percentiles | null;
}

/** Per requested model health over `where`, attempts included (each upstream outcome counts once). */
export async function modelHealth(db: Db, where: SQL | undefined): Promise<ModelHealthRow[]> {
  const scope = and(where, isOutcomeRow);
  const [rows, total] = await db.batch([
    db
      .select({ model: t.requestedModel, ...health() })
      .from(t)
      .where(scope)
      .groupBy(t.requestedModel)
      .orderBy(desc(sql`count(*)`), t.requestedModel),
    percentileQuery(db, { value: t.totalTimeMs, where: scope, groups: [t.requestedModel] }),
  ]);
  const totals = byGroup(total);
  return rows.map((r) => ({ ...r, totalTime: totals.get(groupKey(r.model, null)) ?? null }));
}
