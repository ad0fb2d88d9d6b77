import { beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../support/http';
import { attempt, flatPrice, record, store, tag, usage } from './fixtures';

const TAG = tag('stats');
const D = Date.UTC(2024, 2, 10);
const H = 3_600_000;
const M = 60_000;
const range = `start_time=${new Date(D).toISOString()}&end_time=${new Date(D + 24 * H).toISOString()}`;
const p1 = { provider_id: 21, provider_name: `${TAG}-p1` };
const p2 = { provider_id: 22, provider_name: `${TAG}-p2` };
const a = `${TAG}-a`;
const b = `${TAG}-b`;

// Costs at these prices (USD per 1M tokens): R1 1.0 + 1.0, R2 2.0 + 0.2, R3 0.1 + 20.0.
const r1 = record({
  ...p1,
  request_time: D + 70 * M,
  requested_model: a,
  target_model: 'ta',
  is_stream: true,
  first_byte_delay_ms: 100,
  total_time_ms: 1000,
  upstream_usage: usage(1000, 500),
  price: flatPrice(1000, 2000),
});
const r2 = record({
  ...p1,
  request_time: D + 110 * M,
  requested_model: a,
  target_model: 'ta',
  first_byte_delay_ms: 400,
  total_time_ms: 400,
  upstream_usage: usage(2000, 100),
  price: flatPrice(1000, 2000),
});
const r3 = record({
  ...p2,
  request_time: D + 330 * M,
  requested_model: b,
  target_model: 'tb',
  retry_count: 1,
  is_stream: true,
  first_byte_delay_ms: 300,
  total_time_ms: 3000,
  upstream_usage: usage(100, 1000, { cacheReadTokens: 50 }),
  price: flatPrice(1000, 20_000),
});
const r4 = record({
  ...p2,
  request_time: D + 1410 * M,
  requested_model: b,
  target_model: 'tb',
  retry_count: 2,
  status: 503,
  error_message: 'all failed',
  first_byte_delay_ms: null,
  total_time_ms: 600,
});
const fixtures = [
  r1,
  r2,
  r3,
  attempt(r3, 1, {
    ...p1,
    target_model: 'ta',
    request_time: D + 329 * M,
    is_stream: true,
    total_time_ms: 700,
  }),
  r4,
  attempt(r4, 1, { ...p2, target_model: 'tb', request_time: D + 1409 * M, total_time_ms: 200 }),
  attempt(r4, 2, { ...p2, target_model: 'tb', request_time: D + 1409 * M, total_time_ms: 300 }),
];

/** Percentiles come from log-scale histograms: within 5 % of the exact nearest-rank value. */
function near(expected: number | null) {
  if (expected === null) return null;
  return {
    asymmetricMatch: (actual: unknown) =>
      typeof actual === 'number' && Math.abs(actual - expected) <= expected * 0.05 + 0.05,
    toString: () => `within 5 % of ${expected}`,
    toAsymmetricMatcher: () => `within 5 % of ${expected}`,
  };
}

function nearPercentiles(p: { count: number; p50: number | null; p95: number | null; p99: number | null }) {
  return { count: p.count, p50: near(p.p50), p95: near(p.p95), p99: near(p.p99) };
}

async function stats(query: string) {
  const res = await admin.get(`/logs/stats?requested_model=${TAG}&${range}&${query}`);
  expect(res.status).toBe(200);
  return res.json as Record<string, unknown>;
}

beforeAll(async () => {
  await store(...fixtures);
});

describe('GET /api/admin/logs/stats', () => {
  it('sums client requests only in the summary', async () => {
    const s = await stats('');
    expect(s.summary).toEqual({
      request_count: 4,
      success_count: 3,
      failure_count: 1,
      success_rate: 0.75,
      total_cost: 24.3,
      input_cost: 3.1,
      output_cost: 21.2,
      input_tokens: 3100,
      output_tokens: 1600,
      total_tokens: 4700,
      cache_read_tokens: 50,
      cache_write_tokens: 0,
      reasoning_tokens: 0,
      // None of these requests went through the response cache.
      cache_hits: 0,
      cache_lookups: 0,
      cache_hit_rate: 0,
      saved_cost: 0,
    });
  });

  it('computes latency percentiles over requests (TTFB of streams only) within the stated 5 %', async () => {
    const s = await stats('');
    // Totals sorted: 400, 600, 1000, 3000 → nearest ranks 2, 4, 4. Stream TTFB: 100, 300.
    expect(s.latency).toEqual({
      first_byte_ms: nearPercentiles({ count: 2, p50: 100, p95: 300, p99: 300 }),
      total_time_ms: nearPercentiles({ count: 4, p50: 600, p95: 3000, p99: 3000 }),
      percentile_relative_error: 0.05,
    });
  });

  it('fills hourly buckets aligned to the local time zone, empty ones included (rollup hours)', async () => {
    const s = await stats('bucket=hour&tz_offset_minutes=330');
    const trend = s.trend as {
      bucket_start: string;
      request_count: number;
      error_count: number;
      total_cost: number;
    }[];
    expect(s).toMatchObject({ bucket: 'hour', bucket_minutes: 60, tz_offset_minutes: 330 });
    // UTC+5:30: local hours start at :30 UTC; [D, D+24h) touches 25 of them. Rollups are hourly (UTC
    // hours) for data this old, so an hour's requests land in the local bucket its start falls in:
    // r1 (01:10) and r2 (01:50) both in the one starting 00:30.
    expect(trend).toHaveLength(25);
    expect(trend[0]!.bucket_start).toBe('2024-03-09T23:30:00.000Z');
    const busy = trend.filter((t) => t.request_count > 0);
    expect(busy.map((t) => [t.bucket_start, t.request_count, t.error_count, t.total_cost])).toEqual([
      ['2024-03-10T00:30:00.000Z', 2, 0, expect.closeTo(4.2, 9)],
      ['2024-03-10T04:30:00.000Z', 1, 0, expect.closeTo(20.1, 9)],
      ['2024-03-10T22:30:00.000Z', 1, 1, 0],
    ]);
  });

  it('buckets by local day west of UTC and picks hour buckets automatically for short ranges', async () => {
    const s = await stats('bucket=day&tz_offset_minutes=-300');
    const trend = s.trend as { bucket_start: string; request_count: number; success_count: number }[];
    expect(trend.map((t) => [t.bucket_start, t.request_count, t.success_count])).toEqual([
      ['2024-03-09T05:00:00.000Z', 2, 2],
      ['2024-03-10T05:00:00.000Z', 2, 1],
    ]);
    expect((await stats('')).bucket).toBe('hour');
    // Sub-hour buckets need the five-minute rollups, kept two days: for older data they widen to hours.
    const minutes = await stats('bucket_minutes=30');
    expect(minutes).toMatchObject({ bucket: 'minute', bucket_minutes: 60, grain_minutes: 60 });
    expect((minutes.trend as unknown[]).length).toBe(24);
  });

  it('ranks models by cost and by tokens, by requested or provider model', async () => {
    const s = await stats('');
    expect(
      (s.by_model as { model: string; total_cost: number }[]).map((m) => [m.model, m.total_cost]),
    ).toEqual([
      [b, 20.1],
      [a, 4.2],
    ]);
    expect(
      (s.by_model_tokens as { model: string; total_tokens: number }[]).map((m) => [m.model, m.total_tokens]),
    ).toEqual([
      [a, 3600],
      [b, 1100],
    ]);
    const byTarget = await stats('group_by=provider_model');
    expect((byTarget.by_model as { model: string }[]).map((m) => m.model)).toEqual(['tb', 'ta']);
  });

  it('counts real upstream attempts per provider × model, with their percentiles', async () => {
    const s = await stats('');
    expect(s.model_call_stats).toEqual([
      {
        provider_id: 22,
        provider_name: `${TAG}-p2`,
        model: b,
        request_count: 3,
        success_count: 1,
        failure_count: 2,
        success_rate: 0.3333,
        avg_total_time_ms: 1166.7,
        avg_first_byte_ms: 300,
        total_time_ms: nearPercentiles({ count: 3, p50: 300, p95: 3000, p99: 3000 }),
        first_byte_ms: nearPercentiles({ count: 1, p50: 300, p95: 300, p99: 300 }),
      },
      {
        provider_id: 21,
        provider_name: `${TAG}-p1`,
        model: a,
        request_count: 2,
        success_count: 2,
        failure_count: 0,
        success_rate: 1,
        avg_total_time_ms: 700,
        avg_first_byte_ms: 100,
        total_time_ms: nearPercentiles({ count: 2, p50: 400, p95: 1000, p99: 1000 }),
        first_byte_ms: nearPercentiles({ count: 1, p50: 100, p95: 100, p99: 100 }),
      },
      {
        provider_id: 21,
        provider_name: `${TAG}-p1`,
        model: b,
        request_count: 1,
        success_count: 0,
        failure_count: 1,
        success_rate: 0,
        avg_total_time_ms: 700,
        avg_first_byte_ms: null,
        total_time_ms: nearPercentiles({ count: 1, p50: 700, p95: 700, p99: 700 }),
        first_byte_ms: { count: 0, p50: null, p95: null, p99: null },
      },
    ]);
  });

  it('applies the provider filter to every part', async () => {
    const s = await stats('provider_id=21');
    expect((s.summary as { request_count: number }).request_count).toBe(2);
    expect((s.model_call_stats as unknown[]).length).toBe(2);
  });

  it('rejects bad parameters', async () => {
    for (const q of [
      'bucket=week',
      'tz_offset_minutes=900',
      'bucket_minutes=0',
      'group_by=x',
      `bucket_minutes=1&start_time=2020-01-01T00:00:00Z&end_time=2021-01-01T00:00:00Z`,
      'user_id=alice',
    ]) {
      const res = await admin.get(`/logs/stats?${q}`);
      expect(res.status, q).toBe(400);
    }
  });
});

describe('percentiles on a larger sample', () => {
  const model = tag('pct');
  const day = Date.UTC(2024, 4, 1);
  // Totals 10, 20, …, 200 stored in a scrambled order.
  const values = Array.from({ length: 20 }, (_, i) => ((i * 7) % 20) * 10 + 10);
  beforeAll(async () => {
    await store(
      ...values.map((v, i) =>
        record({ requested_model: model, request_time: day + i * M, total_time_ms: v }),
      ),
    );
  });

  it('uses the nearest rank (p50 = 10th, p95 = 19th, p99 = 20th value), within 5 %', async () => {
    const q = `requested_model=${model}&start_time=${new Date(day).toISOString()}&end_time=${new Date(day + H).toISOString()}`;
    const s = (await admin.get(`/logs/stats?${q}`)).json as Record<string, { total_time_ms: unknown }>;
    expect(s.latency!.total_time_ms).toEqual(nearPercentiles({ count: 20, p50: 100, p95: 190, p99: 200 }));
    const m = await admin.get(`/models/stats?${q}`);
    expect(m.json.items).toEqual([
      {
        requested_model: model,
        request_count: 20,
        success_count: 20,
        failure_count: 0,
        success_rate: 1,
        failure_rate: 0,
        avg_total_time_ms: 105,
        p95_total_time_ms: near(190),
        avg_first_byte_ms: null,
      },
    ]);
  });
});

describe('GET /api/admin/models/stats', () => {
  it('reports per requested model with attempts counted once each', async () => {
    const res = await admin.get(`/models/stats?requested_model=${TAG}&${range}`);
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      {
        requested_model: b,
        request_count: 4,
        success_count: 1,
        failure_count: 3,
        success_rate: 0.25,
        failure_rate: 0.75,
        avg_total_time_ms: 1050,
        p95_total_time_ms: near(3000),
        avg_first_byte_ms: 300,
      },
      {
        requested_model: a,
        request_count: 2,
        success_count: 2,
        failure_count: 0,
        success_rate: 1,
        failure_rate: 0,
        avg_total_time_ms: 700,
        p95_total_time_ms: near(1000),
        avg_first_byte_ms: 100,
      },
    ]);
  });

  it('defaults to the last 7 days and is not shadowed by /models/:name', async () => {
    const res = await admin.get(`/models/stats?requested_model=${TAG}`);
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([]);
    // Widened to whole rollup hours at both ends.
    const span = Date.parse(res.json.end_time as string) - Date.parse(res.json.start_time as string);
    expect(span).toBeGreaterThanOrEqual(7 * 24 * H);
    expect(span).toBeLessThanOrEqual(7 * 24 * H + 2 * H);
  });
});
