// Owns the one-time backfill: rows stored before rollups existed are counted into them, in bounded chunks.
import { eq, sql } from 'drizzle-orm';
import { GRAINS, rollupDelta } from '../analytics/rollup-delta';
import { FINE_RETENTION_MS } from '../analytics/window';
import { createDb, type Db } from '../db/client';
import { addSum, type RollupSum } from '../db/queries/rollup-write';
import { rawBatch } from '../db/raw-batch';
import { maintenanceState, type RequestLogRow, requestLogs } from '../db/schema';
import type { Env } from '../env';

const UNTIL = 'rollup_backfill_until';
const CURSOR = 'rollup_backfill_cursor';

export interface BackfillResult {
  counted: number;
  remaining: number;
  complete: boolean;
}

async function state(db: Db, name: string): Promise<number> {
  const row = await db.select().from(maintenanceState).where(eq(maintenanceState.name, name)).get();
  return row?.value ?? 0;
}

/** Sums the chunk's rows per rollup key (fine grain only for rows young enough to keep one). */
function sumChunk(rows: RequestLogRow[], now: number): RollupSum[] {
  const sums = new Map<string, RollupSum>();
  for (const row of rows) {
    for (const grain of GRAINS) {
      if (grain === 5 && row.requestTime < now - FINE_RETENTION_MS) continue;
      const { firstByteBucket, totalTimeBucket, ...d } = rollupDelta(row, grain);
      const key = JSON.stringify([
        d.grain,
        d.bucketStart,
        d.kind,
        d.requestedModel,
        d.providerId,
        d.targetModel,
        d.apiKeyId,
        d.statusClass,
        d.isStream,
        d.outcome,
      ]);
      const s = sums.get(key) ?? {
        ...d,
        requests: 0,
        retries: 0,
        inputTokens: 0,
        outputTokens: 0,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
        totalCost: 0,
        inputCost: 0,
        outputCost: 0,
        cacheHits: 0,
        cacheLookups: 0,
        savedCost: 0,
        firstByteCount: 0,
        firstByteSumMs: 0,
        totalTimeCount: 0,
        totalTimeSumMs: 0,
        firstByteHist: {},
        totalTimeHist: {},
      };
      for (const k of [
        'requests',
        'retries',
        'inputTokens',
        'outputTokens',
        'cacheReadTokens',
        'cacheWriteTokens',
        'reasoningTokens',
        'totalCost',
        'inputCost',
        'outputCost',
        'cacheHits',
        'cacheLookups',
        'savedCost',
        'firstByteCount',
        'firstByteSumMs',
        'totalTimeCount',
        'totalTimeSumMs',
      ] as const) {
        s[k] += d[k];
      }
      if (firstByteBucket) s.firstByteHist[firstByteBucket] = (s.firstByteHist[firstByteBucket] ?? 0) + 1;
      if (totalTimeBucket) s.totalTimeHist[totalTimeBucket] = (s.totalTimeHist[totalTimeBucket] ?? 0) + 1;
      s.providerName = d.providerName ?? s.providerName;
      s.apiKeyName = d.apiKeyName ?? s.apiKeyName;
      sums.set(key, s);
    }
  }
  return [...sums.values()];
}

/**
 * Counts rows up to the boundary the migration recorded (`rollup_backfill_until`, a rowid) into the
 * rollups, a chunk at a time. Each chunk's upserts and the cursor move are one D1 batch, so a chunk
 * is counted exactly once whatever fails; rows stored later are counted by the consumer itself.
 */
export async function backfillRollups(
  env: Env,
  opts: { chunkSize?: number; budgetMs?: number; now?: number } = {},
): Promise<BackfillResult> {
  const db = createDb(env.DB);
  const chunkSize = opts.chunkSize ?? 2000;
  const deadline = Date.now() + (opts.budgetMs ?? 20_000);
  const until = await state(db, UNTIL);
  let cursor = await state(db, CURSOR);
  let counted = 0;
  while (cursor < until && Date.now() < deadline) {
    const rows = await db
      .select({ rowid: sql<number>`rowid`, row: requestLogs })
      .from(requestLogs)
      .where(sql`rowid > ${cursor} and rowid <= ${until}`)
      .orderBy(sql`rowid`)
      .limit(chunkSize);
    const next = rows.length > 0 ? (rows.at(-1)?.rowid ?? until) : until;
    const upserts = sumChunk(
      rows.map((r) => r.row),
      opts.now ?? Date.now(),
    ).map((s) => addSum(db, s));
    const move = db
      .update(maintenanceState)
      .set({ value: next, updatedAt: Date.now() })
      .where(eq(maintenanceState.name, CURSOR));
    await rawBatch(env.DB, [move, ...upserts]);
    counted += rows.length;
    cursor = next;
  }
  const left = await db.get<{ n: number }>(
    sql`select count(*) as n from request_logs where rowid > ${cursor} and rowid <= ${until}`,
  );
  return { counted, remaining: left?.n ?? 0, complete: cursor >= until };
}
