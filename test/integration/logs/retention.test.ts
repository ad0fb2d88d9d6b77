import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runRetention } from '../../../worker/cron/retention';
import worker from '../../../worker/index';
import { detailKey, storedDetailKey } from '../../../worker/logging/record';
import { admin } from '../support/http';
import { detail, record, store } from './fixtures';

const DAY = 86_400_000;
// A clock far in the past, so these rows are the only ones old enough for this run to touch.
const NOW = Date.UTC(2001, 0, 31);

async function row(id: string) {
  return env.DB.prepare('select id, request_time, r2_key from request_logs where id = ?')
    .bind(id)
    .first<{ id: string; request_time: number; r2_key: string | null }>();
}

async function objectOf(id: string): Promise<string | null> {
  const r = await row(id);
  return r?.r2_key ? storedDetailKey(r.request_time, r.r2_key) : null;
}

async function exists(key: string | null | undefined): Promise<boolean> {
  return key ? (await env.LOG_BUCKET.head(key)) !== null : false;
}

async function untilComplete(opts: Parameters<typeof runRetention>[1]) {
  let total = 0;
  for (let i = 0; i < 50; i++) {
    const r = await runRetention(env, opts);
    total += r.deletedLogCount;
    if (r.complete) return { total, runs: i + 1 };
  }
  throw new Error('retention never completed');
}

describe('runRetention (LOG_RETENTION_DAYS=30, LOG_DETAIL_RETENTION_DAYS=7)', () => {
  it('deletes old rows, sweeps the objects of wholly expired days, shows old bodies as expired, and is idempotent', async () => {
    const old = record({ request_time: NOW - 42 * DAY, detail: detail() });
    const oldUnrecorded = record({ request_time: NOW - 31 * DAY, record_details: false, detail: detail() });
    const middle = record({ request_time: NOW - 21 * DAY, detail: detail() });
    const edge = record({ request_time: NOW - 7 * DAY - 1, detail: detail() });
    const fresh = record({ request_time: NOW - 6 * DAY, detail: detail() });
    const middleUnrecorded = record({ request_time: NOW - 21 * DAY, record_details: false });
    await store(old, oldUnrecorded, middle, edge, fresh, middleUnrecorded);
    const keys = {
      old: await objectOf(old.id),
      middle: await objectOf(middle.id),
      edge: await objectOf(edge.id),
      fresh: await objectOf(fresh.id),
    };
    const orphan = detailKey(NOW - 11 * DAY, 'orphan-record');
    const recentOrphan = detailKey(NOW - 7 * DAY, 'orphan-recent');
    await env.LOG_BUCKET.put(orphan, '{}');
    await env.LOG_BUCKET.put(recentOrphan, '{}');

    const first = await runRetention(env, { now: NOW, chunkSize: 2 });
    expect(first).toMatchObject({ deletedLogCount: 2, complete: true });
    // Old, middle, edge and the orphan's day are wholly past the detail retention: their objects go.
    expect(first.deletedObjectCount).toBe(4);
    expect(await row(old.id)).toBeNull();
    expect(await row(oldUnrecorded.id)).toBeNull();
    expect(await row(middle.id)).not.toBeNull();
    expect(await exists(keys.old)).toBe(false);
    expect(await exists(keys.middle)).toBe(false);
    expect(await exists(keys.edge)).toBe(false);
    expect(await exists(keys.fresh)).toBe(true);
    expect(await exists(orphan)).toBe(false);
    // The day the cutoff falls in is not wholly expired: the sweep leaves it alone.
    expect(await exists(recentOrphan)).toBe(true);

    const second = await runRetention(env, { now: NOW, chunkSize: 2 });
    expect(second).toMatchObject({ deletedLogCount: 0, deletedObjectCount: 0, complete: true });

    const expired = await admin.get(`/logs/${middle.id}`);
    expect(expired.json).toMatchObject({ detail_status: 'expired', detail_available: false });
    const unrecorded = await admin.get(`/logs/${middleUnrecorded.id}`);
    expect(unrecorded.json).toMatchObject({ detail_status: 'not_recorded' });
  });

  it('stops when its time budget is spent and says so; later runs carry on until done', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => record({ request_time: NOW - 60 * DAY + i }));
    await store(...rows);
    // A spent budget still makes one chunk of progress per pass, then stops and says so.
    const first = await runRetention(env, { now: NOW, chunkSize: 2, budgetMs: 0 });
    expect(first).toMatchObject({ deletedLogCount: 2, complete: false });
    const { total, runs } = await untilComplete({ now: NOW, chunkSize: 2, budgetMs: 0 });
    expect(total).toBe(5);
    expect(runs).toBeGreaterThan(1);
    for (const r of rows) expect(await row(r.id)).toBeNull();
  });

  it('deletes rollups past ROLLUP_RETENTION_DAYS and five-minute rollups past two days', async () => {
    const ancient = record({ request_time: NOW - 500 * DAY, requested_model: 'rollup-retention' });
    await store(ancient);
    const count = () =>
      env.DB.prepare('select count(*) as n from log_rollups where bucket_start < ?')
        .bind(NOW - 400 * DAY)
        .first<{ n: number }>();
    expect((await count())?.n).toBeGreaterThan(0);
    const r = await runRetention(env, { now: NOW });
    expect(r.deletedRollupCount).toBeGreaterThan(0);
    expect((await count())?.n).toBe(0);
  });
});

describe('POST /api/admin/logs/cleanup', () => {
  it('runs retention on demand with ?days overriding the index retention', async () => {
    const ancient = record({ request_time: Date.UTC(1920, 0, 1), detail: detail() });
    const kept = record({ request_time: Date.UTC(1990, 0, 1) });
    await store(ancient, kept);
    const key = await objectOf(ancient.id);
    const res = await admin.post('/logs/cleanup?days=36500');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ deleted_log_count: 1, complete: true });
    expect(res.json.message).toMatch(/^Deleted 1 log rows/);
    expect(await row(ancient.id)).toBeNull();
    expect(await row(kept.id)).not.toBeNull();
    expect(await exists(key)).toBe(false);
    const again = await admin.post('/logs/cleanup?days=36500');
    expect(again.json).toMatchObject({ deleted_log_count: 0 });
  });

  it('rejects a days value that is not a positive integer', async () => {
    expect((await admin.post('/logs/cleanup?days=0')).status).toBe(400);
    expect((await admin.post('/logs/cleanup?days=abc')).status).toBe(400);
  });
});

describe('scheduled', () => {
  it('runs retention on any cron expression, not only the one it shipped with', async () => {
    const stale = record({ request_time: Date.now() - 40 * DAY });
    await store(stale);
    await worker.scheduled(
      createScheduledController({ cron: '*/10 * * * *' }),
      env,
      createExecutionContext(),
    );
    expect(await row(stale.id)).toBeNull();
  });
});
