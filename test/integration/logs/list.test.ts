import { beforeAll, describe, expect, it } from 'vitest';
import { admin } from '../support/http';
import { attempt, record, store, tag, usage } from './fixtures';

type Item = Record<string, unknown> & { id: string; retry_attempts: Record<string, unknown>[] };

const TAG = tag('list');
const KEY_ID = 700_000 + Math.floor(Math.random() * 100_000);
const OTHER_KEY_ID = KEY_ID + 1;
const T0 = Date.now() - 3_600_000;
const base = { api_key_id: KEY_ID, api_key_name: `${TAG}-key` };

const r1 = record({
  ...base,
  request_time: T0,
  requested_model: `${TAG}-alpha`,
  target_model: 'gpt-x-Target',
  provider_id: 11,
  user_id: 'alice@example.com',
  upstream_usage: usage(100, 10),
  total_time_ms: 300,
});
const r2 = record({
  ...base,
  request_time: T0 + 60_000,
  requested_model: `${TAG}-beta`,
  target_model: 'claude-y',
  provider_id: 12,
  status: 502,
  error_type: 'upstream_error',
  error_message: 'boom',
  retry_count: 2,
  user_id: 'bob',
  upstream_usage: usage(500, 0),
  total_time_ms: 1500,
  is_stream: true,
});
const r3 = record({
  ...base,
  request_time: T0 + 120_000,
  requested_model: `${TAG}-alpha`,
  target_model: 'gpt-x',
  provider_id: 11,
  retry_count: 1,
  user_id: 'carol',
  upstream_usage: usage(50, 5),
  total_time_ms: 800,
  is_stream: true,
});
const r4 = record({
  api_key_id: OTHER_KEY_ID,
  api_key_name: `${TAG}-other`,
  request_time: T0 - 3 * 86_400_000,
  requested_model: `${TAG}-gamma`,
  target_model: 'gamma-upstream',
  provider_id: 13,
  status: 429,
  error_message: 'rate limited',
  total_time_ms: 50,
});
const ids = { r1: r1.id, r2: r2.id, r3: r3.id, r4: r4.id };

async function list(
  query: string,
): Promise<{ items: Item[]; total: number; status: number; body: Record<string, unknown> }> {
  // Scoped to this file's rows by key name, unless the query filters by key name itself.
  const scope = query.includes('api_key_name=') ? '' : `api_key_name=${encodeURIComponent(TAG)}&`;
  const res = await admin.get(`/logs?${scope}${query}`);
  return {
    items: (res.json.items ?? []) as Item[],
    total: res.json.total as number,
    status: res.status,
    body: res.json,
  };
}

function names(items: Item[]): string[] {
  const byId = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
  return items.map((i) => byId.get(i.id) ?? '?').sort();
}

beforeAll(async () => {
  await store(
    r1,
    r2,
    attempt(r2, 2, { request_time: T0 + 61_000, provider_id: 12, target_model: 'claude-y' }),
    attempt(r2, 1, { request_time: T0 + 60_500, provider_id: 12, target_model: 'claude-y' }),
    r3,
    attempt(r3, 1, { request_time: T0 + 120_500, provider_id: 14, target_model: 'gpt-x' }),
    r4,
  );
});

describe('GET /api/admin/logs filters', () => {
  it('lists client requests only, newest first, with the summary fields', async () => {
    const { items, total, body } = await list('');
    expect(total).toBe(4);
    expect(body).toMatchObject({ page: 1, page_size: 20 });
    expect(items.map((i) => i.id)).toEqual([r3.id, r2.id, r1.id, r4.id]);
    expect(items[2]).toMatchObject({
      id: r1.id,
      trace_id: r1.trace_id,
      kind: 'request',
      request_time: new Date(T0).toISOString(),
      requested_model: `${TAG}-alpha`,
      target_model: 'gpt-x-Target',
      provider_id: 11,
      provider_name: 'fixture-provider',
      response_status: 200,
      input_tokens: 100,
      output_tokens: 10,
      total_tokens: 110,
      usage_source: 'upstream',
      first_byte_delay_ms: 100,
      total_time_ms: 300,
      retry_count: 0,
      is_stream: false,
      api_key_id: KEY_ID,
      api_key_name: `${TAG}-key`,
      user_id: 'alice@example.com',
      request_protocol: 'openai',
      request_path: '/v1/chat/completions',
      error_message: null,
      detail_available: false,
      retry_attempt_count: 0,
      retry_attempts: [],
    });
  });

  it('nests failed attempts under their request in attempt order', async () => {
    const { items } = await list('');
    const item = items.find((i) => i.id === r2.id)!;
    expect(item.retry_attempt_count).toBe(2);
    expect(item.retry_attempts.map((a) => a.attempt_index)).toEqual([1, 2]);
    expect(item.retry_attempts[0]).toMatchObject({
      kind: 'attempt',
      trace_id: r2.trace_id,
      response_status: 500,
    });
    expect(items.find((i) => i.id === r3.id)!.retry_attempts).toHaveLength(1);
  });

  it.each([
    [`requested_model=${TAG.toUpperCase()}-ALPHA`, ['r1', 'r3']],
    ['target_model=TARGET', ['r1']],
    ['provider_id=12', ['r2']],
    ['status_min=400', ['r2', 'r4']],
    ['status_max=299', ['r1', 'r3']],
    ['has_error=true', ['r2', 'r4']],
    ['has_error=false', ['r1', 'r3']],
    [`api_key_id=${OTHER_KEY_ID}`, ['r4']],
    [`api_key_name=${TAG}-OTHER`, ['r4']],
    ['user_id=ALICE', ['r1']],
    ['retry_count_min=1', ['r2', 'r3']],
    ['retry_count_max=0', ['r1', 'r4']],
    ['input_tokens_min=100&input_tokens_max=500', ['r1', 'r2']],
    ['total_time_min=500', ['r2', 'r3']],
    ['total_time_max=300', ['r1', 'r4']],
    ['is_stream=true', ['r2', 'r3']],
    ['is_stream=false', ['r1', 'r4']],
    ['timeline=24h', ['r1', 'r2', 'r3']],
    ['timeline=1w', ['r1', 'r2', 'r3', 'r4']],
  ])('filters by %s', async (query, expected) => {
    const { items, total } = await list(query);
    expect(names(items)).toEqual(expected);
    expect(total).toBe(expected.length);
  });

  it('filters by an explicit [start_time, end_time) range', async () => {
    const start = new Date(T0 + 60_000).toISOString();
    const end = new Date(T0 + 120_000).toISOString();
    expect(names((await list(`start_time=${start}&end_time=${end}`)).items)).toEqual(['r2']);
  });

  it('finds a request by trace id', async () => {
    expect(names((await list(`trace_id=${r3.trace_id}`)).items)).toEqual(['r3']);
  });
});

describe('GET /api/admin/logs pagination and sorting', () => {
  it('pages through the filtered requests', async () => {
    const first = await list('page_size=3');
    const second = await list('page_size=3&page=2');
    expect(first.items.map((i) => i.id)).toEqual([r3.id, r2.id, r1.id]);
    expect(second.items.map((i) => i.id)).toEqual([r4.id]);
    expect(second.total).toBe(4);
    expect(second.body).toMatchObject({ page: 2, page_size: 3 });
  });

  it('sorts by an allowed column in either direction', async () => {
    const asc = await list('sort_by=total_time_ms&sort_order=asc');
    expect(asc.items.map((i) => i.id)).toEqual([r4.id, r1.id, r3.id, r2.id]);
    const desc = await list('sort_by=input_tokens&sort_order=desc&is_stream=true');
    expect(desc.items.map((i) => i.id)).toEqual([r2.id, r3.id]);
  });

  it('rejects a sort column outside the allow-list and out-of-range paging', async () => {
    expect((await list('sort_by=id;drop table request_logs')).status).toBe(400);
    expect((await list('sort_by=r2_key')).status).toBe(400);
    expect((await list('page_size=101')).status).toBe(400);
    expect((await list('page=0')).status).toBe(400);
    const bad = await list('start_time=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'validation_error' } });
  });

  it('treats % and _ in a substring filter literally', async () => {
    expect((await list('requested_model=%25')).total).toBe(0);
    expect((await list('user_id=_')).total).toBe(0);
  });
});
