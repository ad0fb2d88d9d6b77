import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { storeRecords } from '../../../worker/logging/consumer';
import type { LogMessage } from '../../../worker/logging/record';
import { queueFaults, setupGateway } from '../support/gateway';
import { admin, call, fetchGateway } from '../support/http';
import { limitedKey, PINNED } from '../support/limits';
import { waitForLogs } from '../support/logs';

interface Usage {
  spend_usd: number;
  reserved_usd: number | null;
  remaining_usd: number | null;
  in_flight: number | null;
}

/** Polls the key's usage until `done` holds (settles follow the log consumer, releases the linger). */
async function usageUntil(id: number, done: (u: Usage) => boolean, timeoutMs = 15_000): Promise<Usage> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await admin.get(`/api-keys/${id}/usage`);
    expect(res.status).toBe(200);
    const u = res.json as unknown as Usage;
    if (done(u) || Date.now() > until) return u;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function loggedCost(traceIds: string[]): Promise<number> {
  let total = 0;
  for (const t of traceIds) {
    const [root] = await waitForLogs(t);
    total += root?.total_cost ?? 0;
  }
  return total;
}

const body = (model: string, stream: boolean) => ({
  model,
  stream,
  max_tokens: 50,
  messages: [{ role: 'user', content: 'hello there' }],
});

describe('every exit path releases what admission took', () => {
  it('a failover, a mid-stream failure and a client abort each release; spend after settle is the sum of logged costs', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], {
      strategy: 'priority',
      input_price: 1000,
      output_price: 2000,
    });
    const { id, key } = await limitedKey({ budget_usd: 100, budget_period: 'day', concurrency_limit: 2 });
    const headers = { authorization: `Bearer ${key}` };
    const traces: string[] = [];

    // Failover before the first byte: the first provider refuses, the second answers.
    await queueFaults(g.providers[0]!.name, [{ status: 401 }]);
    const failover = await call('POST', '/v1/chat/completions', { headers, body: body(g.model, false) });
    expect(failover.status).toBe(200);
    expect(failover.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    traces.push(failover.headers.get('x-gateway-trace-id') as string);

    // A stream the upstream breaks after three events.
    await queueFaults(g.providers[0]!.name, [{ abortAfter: 3 }]);
    const broken = await fetchGateway('/v1/chat/completions', { headers, body: body(g.model, true) });
    expect(broken.status).toBe(200);
    await broken.text();
    traces.push(broken.headers.get('x-gateway-trace-id') as string);

    // A client that reads one chunk of a slow stream and hangs up.
    await queueFaults(g.providers[0]!.name, [{ chunkGapMs: 300 }]);
    const left = await fetchGateway('/v1/chat/completions', { headers, body: body(g.model, true) });
    const reader = (left.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    traces.push(left.headers.get('x-gateway-trace-id') as string);

    const roots = await Promise.all(traces.map(async (t) => (await waitForLogs(t))[0]));
    expect(roots.map((r) => r?.error_type ?? null)).toEqual([null, 'upstream_error', 'client_disconnected']);
    const expected = await loggedCost(traces);
    expect(expected).toBeGreaterThan(0);
    const u = await usageUntil(id, (x) => x.in_flight === 0 && (x.reserved_usd ?? 1) < 1e-12);
    expect(u.in_flight).toBe(0);
    expect(u.reserved_usd).toBeCloseTo(0, 12);
    expect(u.spend_usd).toBeCloseTo(expected, 12);
    expect(u.remaining_usd).toBeCloseTo(100 - expected, 9);
  }, 30_000);

  it('settles each stored record once, even when the queue redelivers it', async () => {
    const g = await setupGateway([{}], { input_price: 1000, output_price: 2000 });
    const { id, key } = await limitedKey({ budget_usd: 50 });
    const res = await call('POST', '/v1/chat/completions', {
      headers: { authorization: `Bearer ${key}` },
      body: body(g.model, false),
    });
    expect(res.status).toBe(200);
    const cost = await loggedCost([res.headers.get('x-gateway-trace-id') as string]);
    const before = await usageUntil(id, (x) => Math.abs(x.spend_usd - cost) < 1e-12);
    expect(before.spend_usd).toBeCloseTo(cost, 12);
    // A record of 10 + 10 tokens at $1,000 per million each way costs $0.02; stored twice, settled once.
    const message = record(id, PINNED - (PINNED % 60_000));
    await storeRecords(env, [message]);
    await storeRecords(env, [message]);
    const after = await usageUntil(id, () => false, 300);
    expect(after.spend_usd - before.spend_usd).toBeCloseTo(0.02, 12);
  }, 30_000);
});

function record(keyId: number, bucket: number): LogMessage {
  const id = crypto.randomUUID();
  return {
    v: 1,
    id,
    trace_id: id,
    kind: 'request',
    attempt_index: null,
    request_time: Date.now(),
    api_key_id: keyId,
    api_key_name: 'replayed',
    user_id: null,
    requested_model: 'm',
    target_model: 't',
    provider_id: null,
    provider_name: null,
    link_id: null,
    retry_count: 0,
    matched_provider_count: 1,
    first_byte_delay_ms: 1,
    total_time_ms: 1,
    status: 200,
    error_type: null,
    error_message: null,
    is_stream: false,
    request_protocol: 'openai',
    supplier_protocol: 'openai',
    request_path: '/v1/chat/completions',
    request_method: 'POST',
    upstream_url: null,
    balancer_fallback: false,
    replay_of: null,
    upstream_usage: {
      inputTokens: 10,
      outputTokens: 10,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 20,
    },
    estimate_input: null,
    estimate_output: null,
    price: {
      billingMode: 'token_flat',
      inputPrice: 1000,
      outputPrice: 1000,
      perRequestPrice: 0,
      perImagePrice: 0,
      tiers: [],
      cacheBillingEnabled: false,
      cachedInputPrice: null,
      cachedOutputPrice: null,
      cacheCreationInputPrice: null,
      priceSource: 'ModelFallback',
    },
    image_count: null,
    is_image_path: false,
    record_details: false,
    detail: null,
    detail_r2_key: null,
    limits: { scopes: [`key:${keyId}`], reserved_usd: 0.5, bucket },
  };
}
