// Owns retention: index rows, rollups and R2 bodies past their retention, in bounded chunks that a
// follow-up job continues until done.
import { sql } from 'drizzle-orm';
import { ALL_KEYS_DAILY, ALL_KEYS_HOURLY } from '../analytics/rollup-delta';
import { FINE_RETENTION_MS } from '../analytics/window';
import { createDb, type Db } from '../db/client';
import { deleteExpiredAudit } from '../db/queries/audit-log';
import { type Env, loadSettings } from '../env';
import { dayPrefix } from '../logging/record';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  now?: number;
  /** Overrides LOG_RETENTION_DAYS (the manual cleanup's `days`). */
  indexDays?: number;
  /** Overrides LOG_DETAIL_RETENTION_DAYS. */
  detailDays?: number;
  /** Rows per delete statement. */
  chunkSize?: number;
  /** Wall time one run may spend before it stops and leaves the rest to a continuation. */
  budgetMs?: number;
  /** Audit entries deleted per run (one bounded statement). */
  maxAuditRows?: number;
}

export interface RetentionResult {
  deletedLogCount: number;
  deletedRollupCount: number;
  /** R2 objects deleted under wholly expired day prefixes (batch objects, own objects, orphans). */
  deletedObjectCount: number;
  /** Audit log entries past LOG_RETENTION_DAYS. */
  deletedAuditCount: number;
  /** False when the budget ran out first; a continuation (or the next run) carries on. */
  complete: boolean;
}

/** Deletes up to `limit` rows matching `where`, oldest first by `order`; returns how many went. */
async function deleteChunk(
  db: Db,
  table: 'request_logs' | 'log_rollups',
  where: ReturnType<typeof sql>,
  order: string,
  limit: number,
) {
  const result = await db.run(
    sql`delete from ${sql.raw(table)} where rowid in (select rowid from ${sql.raw(table)} where ${where} order by ${sql.raw(order)} limit ${limit})`,
  );
  return result.meta.changes ?? 0;
}

/**
 * Runs `step` until it deletes fewer than a chunk or the deadline passes; returns the total and whether
 * it finished. One step always runs, so every run makes progress whatever its budget.
 */
async function drain(step: () => Promise<number>, chunk: number, deadline: number) {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < chunk) return { total, complete: true };
    if (Date.now() >= deadline) return { total, complete: false };
  }
}

/**
 * Deletes every object of a day wholly before `cutoff`: keys start `logs/YYYY/MM/DD/`, so a listing from
 * `logs/` walks them oldest first and stops at the first day that is not yet expired. Batch objects, a
 * record's own object and orphans of a redelivered batch all go with their day.
 */
async function sweepExpiredDays(bucket: R2Bucket, cutoff: number, deadline: number) {
  const stop = dayPrefix(Math.floor(cutoff / DAY_MS) * DAY_MS);
  let deleted = 0;
  for (;;) {
    // Deleted keys disappear from the listing, so every page starts from the beginning again.
    const page = await bucket.list({ prefix: 'logs/', limit: 1000 });
    const keys = page.objects.map((o) => o.key).filter((k) => k < stop);
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    if (keys.length < page.objects.length || !page.truncated) return { deleted, complete: true };
    if (Date.now() >= deadline) return { deleted, complete: false };
  }
}

/**
 * One bounded run: index rows past LOG_RETENTION_DAYS, hourly rollups past ROLLUP_RETENTION_DAYS,
 * five-minute rollups past two days, then the R2 objects of days past LOG_DETAIL_RETENTION_DAYS (rows
 * of such days show their detail as expired by their age). Every step is idempotent.
 */
export async function runRetention(env: Env, opts: RetentionOptions = {}): Promise<RetentionResult> {
  const settings = loadSettings(env);
  const now = opts.now ?? Date.now();
  const chunk = opts.chunkSize ?? 5000;
  const deadline = Date.now() + (opts.budgetMs ?? 20_000);
  const indexCutoff = now - (opts.indexDays ?? settings.LOG_RETENTION_DAYS) * DAY_MS;
  const detailCutoff = now - (opts.detailDays ?? settings.LOG_DETAIL_RETENTION_DAYS) * DAY_MS;
  const rollupCutoff = now - settings.ROLLUP_RETENTION_DAYS * DAY_MS;
  const db = createDb(env.DB);
  const logs = await drain(
    () => deleteChunk(db, 'request_logs', sql`request_time < ${indexCutoff}`, 'request_time', chunk),
    chunk,
    deadline,
  );
  const rollups = await drain(
    () =>
      deleteChunk(
        db,
        'log_rollups',
        sql`(grain in (60, ${ALL_KEYS_HOURLY}, ${ALL_KEYS_DAILY}) and bucket_start < ${rollupCutoff}) or (grain = 5 and bucket_start < ${now - FINE_RETENTION_MS})`,
        'grain, bucket_start',
        chunk,
      ),
    chunk,
    deadline,
  );
  // Bodies go after the detail retention, or with their rows when those go first (a short `days` cleanup).
  const sweep = await sweepExpiredDays(env.LOG_BUCKET, Math.max(detailCutoff, indexCutoff), deadline);
  // The audit log is kept as long as the configured log index (never the manual cleanup's `days`, so an
  // admin cannot erase the record of their own changes); admin changes are rare, one bounded delete keeps up.
  const maxAudit = opts.maxAuditRows ?? 1000;
  const deletedAuditCount = await deleteExpiredAudit(
    db,
    now - settings.LOG_RETENTION_DAYS * DAY_MS,
    maxAudit,
  );
  return {
    deletedLogCount: logs.total,
    deletedRollupCount: rollups.total,
    deletedObjectCount: sweep.deleted,
    deletedAuditCount,
    complete: logs.complete && rollups.complete && sweep.complete && deletedAuditCount < maxAudit,
  };
}
