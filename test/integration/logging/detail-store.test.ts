import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { storedDetailKey } from '../../../worker/logging/record';
import { detail, record, store } from '../logs/fixtures';
import { admin } from '../support/http';

const DAY = 86_400_000;

describe('log details in R2', () => {
  it('shares one object per day per consumer batch and reads each record back by its byte range', async () => {
    // Noon yesterday and noon the day before: both within the detail retention, on two UTC days.
    const day = (Math.floor(Date.now() / DAY) - 1) * DAY + DAY / 2;
    const bodies = ['first 😀 ünïcode', 'second', 'third — a longer body '.repeat(50)];
    const records = bodies.map((text) =>
      record({ request_time: day, detail: detail({ request_body: text }) }),
    );
    const otherDay = record({ request_time: day - DAY, detail: detail({ request_body: 'next day' }) });
    await store(...records, otherDay);
    const { results } = await env.DB.prepare(
      `select id, r2_key, r2_offset, r2_length from request_logs where id in (?, ?, ?, ?)`,
    )
      .bind(...records.map((r) => r.id), otherDay.id)
      .all<{ id: string; r2_key: string; r2_offset: number; r2_length: number }>();
    // Rows name the object relative to their day (`b-<16 hex>` under `logs/YYYY/MM/DD/`).
    for (const r of results) expect(r.r2_key).toMatch(/^b-[0-9a-f]{16}$/);
    const keys = new Set(
      results.map((r) => storedDetailKey(r.id === otherDay.id ? day - DAY : day, r.r2_key)),
    );
    expect(keys.size).toBe(2);
    for (const key of keys) expect(await env.LOG_BUCKET.head(key)).not.toBeNull();
    for (const [i, r] of records.entries()) {
      const res = await admin.get(`/logs/${r.id}`);
      expect(res.json).toMatchObject({ detail_status: 'available', request_body: bodies[i] });
    }
    expect((await admin.get(`/logs/${otherDay.id}`)).json).toMatchObject({ request_body: 'next day' });
  });
});
