// Owns log retention: index rows past LOG_RETENTION_DAYS and R2 bodies past LOG_DETAIL_RETENTION_DAYS, in bounded chunks.
import { createDb, type Db } from '../db/client';
import { deleteExpiredAudit } from '../db/queries/audit-log';
import {
  deleteLogs,
  markDetailsExpired,
  selectExpiredDetails,
  selectExpiredLogs,
} from '../db/queries/log-retention';
import { type Env, loadSettings } from '../env';
import { dayPrefix } from '../logging/record';

/** The cron expression (wrangler.toml) that runs retention daily. */
export const RETENTION_CRON = '17 3 * * *';

const DAY_MS = 86_400_000;

export interface RetentionOptions {
  now?: number;
  /** Overrides LOG_RETENTION_DAYS (the manual cleanup's `days`). */
  indexDays?: number;
  /** Overrides LOG_DETAIL_RETENTION_DAYS. */
  detailDays?: number;
  /** Rows per chunk: one select, one R2 delete (≤ 1000 keys) and one D1 batch each. */
  chunkSize?: number;
  /** Rows per pass per run, so one invocation stays within its subrequest and time limits. */
  maxRows?: number;
  /** R2 objects the orphan sweep may delete per run. */
  maxSweepObjects?: number;
  /** Audit entries deleted per run (one bounded statement). */
  maxAuditRows?: number;
}

export interface RetentionResult {
  deletedLogCount: number;
  /** R2 bodies deleted for rows past either retention. */
  deletedDetailCount: number;
  /** R2 objects deleted under wholly expired day prefixes (batch objects and orphans). */
  deletedOrphanCount: number;
  /** Audit log entries past LOG_RETENTION_DAYS. */
  deletedAuditCount: number;
  /** False when a cap stopped a pass early; the next run carries on where this one stopped. */
  complete: boolean;
}

interface Pass {
  rows: number;
  bodies: number;
  complete: boolean;
}

type Select = (db: Db, cutoff: number, limit: number) => ReturnType<typeof selectExpiredLogs>;

/** One pass: select a chunk, delete its R2 bodies, then apply `finish` to the chunk's rows in D1. */
async function pass(
  env: Env,
  db: Db,
  select: Select,
  finish: (ids: string[]) => Promise<unknown>,
  cutoff: number,
  chunkSize: number,
  maxRows: number,
): Promise<Pass> {
  let rows = 0;
  let bodies = 0;
  while (rows < maxRows) {
    const limit = Math.min(chunkSize, maxRows - rows);
    const chunk = await select(db, cutoff, limit);
    if (chunk.length === 0) return { rows, bodies, complete: true };
    // Bodies first: if D1 then fails, the next run finds the same rows and the R2 delete is a no-op.
    // Records in shared batch objects are only flagged: their object goes when its whole day expires.
    const keys = chunk.flatMap((r) => (r.r2Key && !r.detailExpired && r.r2Offset === null ? [r.r2Key] : []));
    if (keys.length > 0) await env.LOG_BUCKET.delete(keys);
    await finish(chunk.map((r) => r.id));
    rows += chunk.length;
    bodies += chunk.filter((r) => r.r2Key && !r.detailExpired).length;
    if (chunk.length < limit) return { rows, bodies, complete: true };
  }
  return { rows, bodies, complete: false };
}

/**
 * Deletes every detail object of a day that lies wholly before `cutoff`: batch objects of expired
 * days and orphans a redelivered batch left behind. Keys start `logs/YYYY/MM/DD/`, so a listing
 * from `logs/` walks them oldest first and stops at the first day that is not yet expired.
 */
async function sweepExpiredDays(bucket: R2Bucket, cutoff: number, max: number) {
  const stop = dayPrefix(Math.floor(cutoff / DAY_MS) * DAY_MS);
  let deleted = 0;
  let cursor: string | undefined;
  do {
    if (deleted >= max) return { deleted, complete: false };
    const page = await bucket.list({ prefix: 'logs/', cursor, limit: Math.min(1000, max - deleted) });
    const keys: string[] = [];
    let reachedLive = false;
    for (const o of page.objects) {
      if (o.key >= stop) {
        reachedLive = true;
        break;
      }
      keys.push(o.key);
    }
    if (keys.length > 0) await bucket.delete(keys);
    deleted += keys.length;
    if (reachedLive) return { deleted, complete: true };
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return { deleted, complete: true };
}

/**
 * Runs retention once: old index rows (with any body object of their own), then bodies past the detail
 * retention (rows kept, `detail_expired` set), then the objects of wholly expired days. Idempotent
 * and bounded.
 */
export async function runRetention(env: Env, opts: RetentionOptions = {}): Promise<RetentionResult> {
  const config = loadSettings(env);
  const now = opts.now ?? Date.now();
  const chunkSize = opts.chunkSize ?? 500;
  const maxRows = opts.maxRows ?? 10_000;
  const indexCutoff = now - (opts.indexDays ?? config.LOG_RETENTION_DAYS) * DAY_MS;
  const detailCutoff = now - (opts.detailDays ?? config.LOG_DETAIL_RETENTION_DAYS) * DAY_MS;
  const db = createDb(env.DB);
  let deletedLogCount = 0;
  const logs = await pass(
    env,
    db,
    selectExpiredLogs,
    async (ids) => {
      deletedLogCount += await deleteLogs(db, ids);
    },
    indexCutoff,
    chunkSize,
    maxRows,
  );
  const details = await pass(
    env,
    db,
    selectExpiredDetails,
    (ids) => markDetailsExpired(db, ids),
    detailCutoff,
    chunkSize,
    maxRows,
  );
  const sweep = await sweepExpiredDays(env.LOG_BUCKET, detailCutoff, opts.maxSweepObjects ?? 5000);
  // The audit log is kept as long as the configured log index (never the manual cleanup's `days`, so an
  // admin cannot erase the record of their own changes); admin changes are rare, one bounded delete keeps up.
  const maxAudit = opts.maxAuditRows ?? 1000;
  const auditCutoff = now - config.LOG_RETENTION_DAYS * DAY_MS;
  const deletedAuditCount = await deleteExpiredAudit(db, auditCutoff, maxAudit);
  return {
    deletedLogCount,
    deletedDetailCount: logs.bodies + details.bodies,
    deletedOrphanCount: sweep.deleted,
    deletedAuditCount,
    complete: logs.complete && details.complete && sweep.complete && deletedAuditCount < maxAudit,
  };
}
