// Rollups: exactly once under redelivery, equal to the raw rows (percentiles within 5 %), backfilled once.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { backfillRollups } from '../../../worker/cron/rollup-backfill';
import { admin } from '../support/http';
import { flatPrice, record, store, tag, usage } from './fixtures';

const H = 3_600_000;

async function summary(model: string, start: number, end: number, key?: number) {
  const q = `model=${model}&start_time=${new Date(start).toISOString()}&end_time=${new Date(end).toISOString()}${key === undefined ? '' : `&api_key_id=${key}`}`;
  return (await admin.get(`/logs/stats?${q}`)).json as {
    summary: { request_count: number; input_tokens: number; output_tokens: number; total_cost: number };
    latency: { total_time_ms: { count: number; p50: number; p95: number; p99: number } };
  };
}

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((sorted.length * p) / 100) - 1] as number;
}

describe('hourly rollups', () => {
  it('count a record once, however often the queue redelivers its batch', async () => {
    const model = tag('redeliver');
    const t0 = Date.UTC(2024, 5, 1, 10);
    const batch = Array.from({ length: 5 }, (_, i) =>
      record({ requested_model: model, request_time: t0 + i * 1000, upstream_usage: usage(100, 10) }),
    );
    await store(...batch);
    await store(...batch);
    // A redelivered batch that also holds a new record: only the new one is added.
    const late = record({ requested_model: model, request_time: t0 + 9000, upstream_usage: usage(100, 10) });
    await store(batch[0]!, late, batch[1]!);
    const s = await summary(model, t0, t0 + H);
    expect(s.summary).toMatchObject({ request_count: 6, input_tokens: 600, output_tokens: 60 });
  });

  it('give the same sums as the raw rows, and percentiles within 5 % of the exact ones', async () => {
    const model = tag('equal');
    const t0 = Date.UTC(2024, 5, 2);
    const times: number[] = [];
    const records = Array.from({ length: 300 }, (_, i) => {
      const total = Math.round(20 + ((i * 7919) % 997) * 13.7);
      times.push(total);
      return record({
        requested_model: model,
        request_time: t0 + i * 60_000,
        total_time_ms: total,
        upstream_usage: usage(10 + (i % 50), 1 + (i % 7)),
        price: flatPrice(1.5, 6),
      });
    });
    await store(...records);
    const raw = await env.DB.prepare(
      'select count(*) as n, sum(input_tokens) as i, sum(output_tokens) as o, sum(total_cost) as c from request_logs where requested_model = ?',
    )
      .bind(model)
      .first<{ n: number; i: number; o: number; c: number }>();
    const s = await summary(model, t0, t0 + 6 * H);
    expect(s.summary.request_count).toBe(raw?.n);
    expect(s.summary.input_tokens).toBe(raw?.i);
    expect(s.summary.output_tokens).toBe(raw?.o);
    expect(s.summary.total_cost).toBeCloseTo(raw?.c ?? -1, 9);
    for (const p of [50, 95, 99] as const) {
      const exact = nearestRank(times, p);
      const got = s.latency.total_time_ms[`p${p}`];
      expect(Math.abs(got - exact) / exact, `p${p}: ${got} vs ${exact}`).toBeLessThanOrEqual(0.05);
    }
  });

  it('are backfilled from rows stored before they existed, exactly once', async () => {
    const model = tag('legacy');
    const t0 = Date.UTC(2024, 5, 3);
    const before = await env.DB.prepare('select coalesce(max(rowid), 0) as m from request_logs').first<{
      m: number;
    }>();
    // Rows an older version wrote: straight into the index, no rollup.
    for (let i = 0; i < 25; i++) {
      await env.DB.prepare(
        `insert into request_logs (id, trace_id, kind, request_time, requested_model, response_status, total_time_ms, input_tokens, output_tokens, total_cost, is_stream, retry_count, balancer_fallback, detail_expired)
         values (?, ?, 'request', ?, ?, 200, 100, 10, 1, 0.5, 0, 0, 0, 0)`,
      )
        .bind(crypto.randomUUID(), crypto.randomUUID(), t0 + i * 1000, model)
        .run();
    }
    const after = await env.DB.prepare('select max(rowid) as m from request_logs').first<{ m: number }>();
    await env.DB.batch([
      env.DB.prepare("update maintenance_state set value = ? where name = 'rollup_backfill_cursor'").bind(
        before?.m,
      ),
      env.DB.prepare("update maintenance_state set value = ? where name = 'rollup_backfill_until'").bind(
        after?.m,
      ),
    ]);
    expect((await summary(model, t0, t0 + H)).summary.request_count).toBe(0);
    const first = await backfillRollups(env, { chunkSize: 10 });
    expect(first).toMatchObject({ counted: 25, remaining: 0, complete: true });
    const s = await summary(model, t0, t0 + H);
    expect(s.summary).toMatchObject({ request_count: 25, input_tokens: 250, output_tokens: 25 });
    expect(s.summary.total_cost).toBeCloseTo(12.5, 9);
    const again = await admin.post('/logs/rollups/backfill');
    expect(again.json).toMatchObject({ counted: 0, complete: true });
    expect((await summary(model, t0, t0 + H)).summary.request_count).toBe(25);
  });

  it('over all keys together hold the per-key sums, so a view without a key reads far fewer rows', async () => {
    const model = tag('all-keys');
    const t0 = Date.UTC(2024, 5, 4, 8);
    const records = Array.from({ length: 100 }, (_, i) =>
      record({
        requested_model: model,
        api_key_id: 1 + (i % 4),
        request_time: t0 + i * 72_000,
        total_time_ms: 50 + i * 11,
        upstream_usage: usage(20 + i, 2 + (i % 5)),
        price: flatPrice(2, 8),
      }),
    );
    await store(...records);
    const all = await summary(model, t0, t0 + 2 * H);
    const perKey = await Promise.all([1, 2, 3, 4].map((k) => summary(model, t0, t0 + 2 * H, k)));
    const add = (f: (s: (typeof perKey)[number]) => number) => perKey.reduce((n, s) => n + f(s), 0);
    expect(all.summary.request_count).toBe(100);
    expect(add((s) => s.summary.request_count)).toBe(100);
    expect(all.summary.input_tokens).toBe(add((s) => s.summary.input_tokens));
    expect(all.summary.output_tokens).toBe(add((s) => s.summary.output_tokens));
    expect(all.summary.total_cost).toBeCloseTo(
      add((s) => s.summary.total_cost),
      9,
    );
    expect(all.latency.total_time_ms.count).toBe(add((s) => s.latency.total_time_ms.count));
    const rows = await env.DB.prepare(
      'select grain, count(*) as n, sum(requests) as r from log_rollups where requested_model = ? group by grain order by grain',
    )
      .bind(model)
      .all<{ grain: number; n: number; r: number }>();
    const by = new Map(rows.results.map((r) => [r.grain, r]));
    expect(by.get(-60)?.r).toBe(100);
    expect(by.get(60)?.r).toBe(100);
    // Two hours × one series against two hours × four keys.
    expect(by.get(-60)?.n).toBe(2);
    expect(by.get(60)?.n).toBe(8);
  });

  it('mark when the all-keys series starts, once: the next full hour after the first batch that writes it', async () => {
    const saved = await env.DB.prepare(
      "select value from maintenance_state where name = 'rollups_all_keys_from'",
    ).first<{ value: number }>();
    expect(saved?.value).toBe(0);
    await env.DB.prepare("delete from maintenance_state where name = 'rollups_all_keys_from'").run();
    const before = Date.now();
    await store(record({ requested_model: tag('marker') }));
    await store(record({ requested_model: tag('marker-later') }));
    const set = await env.DB.prepare(
      "select value from maintenance_state where name = 'rollups_all_keys_from'",
    ).first<{ value: number }>();
    expect(set?.value).toBe(Math.ceil(before / H) * H);
    await env.DB.prepare("update maintenance_state set value = 0 where name = 'rollups_all_keys_from'").run();
  });
});
