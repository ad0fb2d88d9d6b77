import { createExecutionContext, createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { runRetention } from '../../../worker/cron/retention';
import worker from '../../../worker/index';
import { detailKey } from '../../../worker/logging/record';
import { admin } from '../support/http';
import { detail, record, store } from './fixtures';

const DAY = 86_400_000;
// A clock far in the past, so these rows are the only ones old enough for this run to touch.
const NOW = Date.UTC(2001, 0, 31);

async function row(id: string) {
  return env.DB.prepare('select id, r2_key, detail_expired from request_logs where id = ?')
    .bind(id)
    .first<{ id: string; r2_key: string | null; detail_expired: number }>();
}

async function exists(key: string | null | undefined): Promise<boolean> {
  return key ? (await env.LOG_BUCKET.head(key)) !== null : false;
}

describe('runRetention (LOG_RETENTION_DAYS=30, LOG_DETAIL_RETENTION_DAYS=7)', () => {
  it('deletes old rows with their bodies, expires old bodies, sweeps orphans, and is idempotent', async () => {
    const old = record({ request_time: NOW - 42 * DAY, detail: detail() });
    const oldUnrecorded = record({ request_time: NOW - 31 * DAY, record_details: false, detail: detail() });
    const middle = record({ request_time: NOW - 21 * DAY, detail: detail() });
    const edge = record({ request_time: NOW - 7 * DAY - 1, detail: detail() });
    const fresh = record({ request_time: NOW - 6 * DAY, detail: detail() });
    const middleUnrecorded = record({ request_time: NOW - 21 * DAY, record_details: false });
    await store(old, oldUnrecorded, middle, edge, fresh, middleUnrecorded);
    const keys = {
      old: (await row(old.id))!.r2_key,
      middle: (await row(middle.id))!.r2_key,
      edge: (await row(edge.id))!.r2_key,
      fresh: (await row(fresh.id))!.r2_key,
    };
    const orphan = detailKey(NOW - 11 * DAY, 'orphan-trace', 'orphan-record');
    const recentOrphan = detailKey(NOW - 7 * DAY, 'orphan-trace', 'orphan-recent');
    await env.LOG_BUCKET.put(orphan, '{}');
    await env.LOG_BUCKET.put(recentOrphan, '{}');

    const first = await runRetention(env, { now: NOW, chunkSize: 2 });
    // Bodies live in one object per day per consumer batch: rows are flagged, and the objects of the
    // four wholly expired days (old, middle, edge and the orphan's) go with the day sweep.
    expect(first).toEqual({
      deletedLogCount: 2,
      deletedDetailCount: 3,
      deletedOrphanCount: 4,
      deletedAuditCount: 0,
      complete: true,
    });
    expect(await row(old.id)).toBeNull();
    expect(await row(oldUnrecorded.id)).toBeNull();
    expect(await row(middle.id)).toMatchObject({ detail_expired: 1 });
    expect(await row(edge.id)).toMatchObject({ detail_expired: 1 });
    expect(await row(fresh.id)).toMatchObject({ detail_expired: 0 });
    expect(await row(middleUnrecorded.id)).toMatchObject({ detail_expired: 0, r2_key: null });
    expect(await exists(keys.old)).toBe(false);
    expect(await exists(keys.middle)).toBe(false);
    expect(await exists(keys.edge)).toBe(false);
    expect(await exists(keys.fresh)).toBe(true);
    expect(await exists(orphan)).toBe(false);
    // The day the cutoff falls in is not wholly expired: the sweep leaves it alone.
    expect(await exists(recentOrphan)).toBe(true);

    const second = await runRetention(env, { now: NOW, chunkSize: 2 });
    expect(second).toEqual({
      deletedLogCount: 0,
      deletedDetailCount: 0,
      deletedOrphanCount: 0,
      deletedAuditCount: 0,
      complete: true,
    });

    const expired = await admin.get(`/logs/${middle.id}`);
    expect(expired.json).toMatchObject({ detail_status: 'expired', detail_available: false });
    const unrecorded = await admin.get(`/logs/${middleUnrecorded.id}`);
    expect(unrecorded.json).toMatchObject({ detail_status: 'not_recorded' });
  });

  it('stops at the per-run cap and says so; the next run carries on', async () => {
    const rows = Array.from({ length: 5 }, (_, i) => record({ request_time: NOW - 60 * DAY + i }));
    await store(...rows);
    const capped = await runRetention(env, { now: NOW, chunkSize: 2, maxRows: 3 });
    expect(capped).toMatchObject({ deletedLogCount: 3, complete: false });
    const rest = await runRetention(env, { now: NOW, chunkSize: 2, maxRows: 3 });
    expect(rest).toMatchObject({ deletedLogCount: 2, complete: true });
  });
});

describe('POST /api/admin/logs/cleanup', () => {
  it('runs retention on demand with ?days overriding the index retention', async () => {
    const ancient = record({ request_time: Date.UTC(1920, 0, 1), detail: detail() });
    const kept = record({ request_time: Date.UTC(1990, 0, 1) });
    await store(ancient, kept);
    const key = (await row(ancient.id))!.r2_key;
    const res = await admin.post('/logs/cleanup?days=36500');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ deleted_log_count: 1, complete: true });
    expect(res.json.deleted_detail_count).toBeGreaterThanOrEqual(1);
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
  it('runs retention on the daily cron only', async () => {
    const stale = record({ request_time: Date.now() - 40 * DAY });
    await store(stale);
    await worker.scheduled(
      createScheduledController({ cron: '*/10 * * * *' }),
      env,
      createExecutionContext(),
    );
    expect(await row(stale.id)).not.toBeNull();
    await worker.scheduled(createScheduledController({ cron: '17 3 * * *' }), env, createExecutionContext());
    expect(await row(stale.id)).toBeNull();
  });
});
