import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/server.ts';
import { E2E_VARS } from './global-setup.ts';
import { queryD1 } from './support/d1.ts';
import { MOCK_KNOBS, unique } from './support/gateway.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.ts';

// `npm run load:logs` runs this with 10,000 requests and 5 % failing consumer batches; `npm test` runs a
// bounded 1,000 with 20 % (with producer batching, 1,000 requests make only a few dozen consumer batches).
const TOTAL = Number(process.env.LOG_LOAD_REQUESTS ?? 1000);
const FAULT_RATE = process.env.LOG_CONSUMER_FAULT_RATE ?? '0.2';
const CONCURRENCY = 16;

let gw: WranglerDev;
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ host: '127.0.0.1', maxRecorded: 10 });
  // The consumer is told to fail a share of its batches on purpose; redelivery must lose and duplicate nothing.
  gw = await startWranglerDev({ ...E2E_VARS, RETRY_DELAY_MS: '1', LOG_CONSUMER_FAULT_RATE: FAULT_RATE });
});

afterAll(async () => {
  await gw?.stop();
  await mock?.close();
});

async function admin(p: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${gw.url}/api/admin${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

interface Sent {
  trace: string;
  attempts: number;
  stream: boolean;
  faulty: boolean;
  status: number;
}

async function send(model: string, key: string, i: number): Promise<Sent> {
  const stream = i % 2 === 0;
  const faulty = i % 10 === 3; // 10 %: the first provider fails, so one failed attempt is logged
  const headers: Record<string, string> = {
    authorization: `Bearer ${key}`,
    'content-type': 'application/json',
  };
  if (faulty) headers['x-mock-fault'] = 'status-400';
  const res = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: `request ${i}` }] }),
  });
  await res.arrayBuffer();
  const retries = Number(res.headers.get('x-gateway-retries') ?? 0);
  // A failed request's retries header counts tries after the first; every failed try is one attempt row.
  return {
    trace: res.headers.get('x-gateway-trace-id') ?? '',
    attempts: res.ok ? retries : retries + 1,
    stream,
    faulty,
    status: res.status,
  };
}

describe(`logging under load (${TOTAL} requests, streaming and not, 10 % upstream faults, ${Number(FAULT_RATE) * 100} % consumer faults)`, () => {
  it('ends with exactly one row per request plus one per failed attempt', async () => {
    const model = unique('durable');
    await admin('/models', { requested_model: model, input_price: 1, output_price: 1 });
    for (const name of [unique('log-a'), unique('log-b')]) {
      const p = await admin('/providers', {
        name,
        protocol: 'openai',
        base_url: mock.providerUrl(name),
        provider_options: MOCK_KNOBS,
      });
      await admin('/model-providers', { requested_model: model, provider_id: p.id, target_model_name: 'm' });
    }
    const key = (await admin('/api-keys', { key_name: unique('log-key') })).key_value as string;
    const sent: Sent[] = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) sent.push(await send(model, key, next++));
      }),
    );
    const sendSeconds = (Date.now() - started) / 1000;
    const expectedRows = sent.reduce((n, s) => n + 1 + s.attempts, 0);
    const count = () =>
      queryD1<{ n: number }>(
        gw.persistDir,
        `select count(*) as n from request_logs where requested_model = '${model}'`,
      )[0]?.n ?? 0;
    let rows = 0;
    for (let waited = 0; waited < 120_000; waited += 1500) {
      rows = count();
      if (rows >= expectedRows) break;
      await new Promise((r) => setTimeout(r, 1500));
    }
    // Give redelivered batches time to (wrongly) add more rows before the final count.
    await new Promise((r) => setTimeout(r, 3000));
    rows = count();
    // A trace's rows: the request (id = trace id) and its attempts (`<trace>.<n>`).
    const perTrace = queryD1<{ trace_id: string; roots: number; attempts: number }>(
      gw.persistDir,
      `select coalesce(trace_id, substr(id, 1, 36)) as trace_id, sum(kind = 'request') as roots, sum(kind = 'attempt') as attempts from request_logs where requested_model = '${model}' group by 1`,
    );
    const byTrace = new Map(perTrace.map((r) => [r.trace_id, r]));
    const lostList = sent.filter((s) => !byTrace.has(s.trace));
    const lost = lostList.length;
    if (lost > 0) {
      const kinds = lostList.map(
        (s) => `${s.stream ? 'stream' : 'json'}/${s.faulty ? 'faulty' : 'ok'}/${s.status}`,
      );
      console.log(
        'lost kinds',
        JSON.stringify(Object.fromEntries(kinds.map((k) => [k, kinds.filter((x) => x === k).length]))),
      );
      console.log(
        gw
          .output()
          .split('\n')
          .filter((l) => /error|Error|warn/.test(l))
          .slice(0, 30)
          .join('\n'),
      );
    }
    const duplicated = perTrace.filter((r) => r.roots > 1).length;
    const attemptMismatch = sent.filter((s) => (byTrace.get(s.trace)?.attempts ?? 0) !== s.attempts).length;
    const dead =
      queryD1<{ n: number }>(gw.persistDir, 'select count(*) as n from log_dead_letters')[0]?.n ?? 0;
    const failedBatches = gw.output().split('failed; retrying').length - 1;
    // The rollups, written in the same D1 batches, must match the raw rows exactly despite redelivery.
    // Both hourly series: per key (grain 60) and over all keys (grain -60).
    const totals = (table: 'request_logs' | 60 | -60) =>
      queryD1<{ requests: number; tokens: number; cost: number }>(
        gw.persistDir,
        table === 'request_logs'
          ? `select count(*) as requests, coalesce(sum(input_tokens), 0) + coalesce(sum(output_tokens), 0) as tokens, total(total_cost) as cost from request_logs where requested_model = '${model}'`
          : `select coalesce(sum(requests), 0) as requests, coalesce(sum(input_tokens + output_tokens), 0) as tokens, total(total_cost) as cost from log_rollups where grain = ${table} and requested_model = '${model}'`,
      )[0];
    const raw = totals('request_logs');
    const rolled = totals(60);
    const allKeys = totals(-60);
    console.log(
      `rollups: ${JSON.stringify(rolled)} (all keys ${JSON.stringify(allKeys)}) vs raw rows ${JSON.stringify(raw)}`,
    );
    console.log(
      `logging load: ${TOTAL} requests in ${sendSeconds.toFixed(1)} s; expected ${expectedRows} rows ` +
        `(${expectedRows - TOTAL} failed attempts), found ${rows}; lost ${lost}, duplicated ${duplicated}, ` +
        `attempt mismatches ${attemptMismatch}, dead letters ${dead}; consumer batches failed and redelivered: ${failedBatches}`,
    );
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(attemptMismatch).toBe(0);
    expect(rows).toBe(expectedRows);
    expect(failedBatches).toBeGreaterThan(0);
    expect(rolled?.requests).toBe(raw?.requests);
    expect(rolled?.tokens).toBe(raw?.tokens);
    expect(rolled?.cost).toBeCloseTo(raw?.cost ?? -1, 9);
    expect(allKeys?.requests).toBe(raw?.requests);
    expect(allKeys?.tokens).toBe(raw?.tokens);
    expect(allKeys?.cost).toBeCloseTo(raw?.cost ?? -1, 9);
  }, 600_000);
});
