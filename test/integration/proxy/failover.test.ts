import { describe, expect, it } from 'vitest';
import { queueFaults, recorded, setupGateway } from '../support/gateway';
import { admin, call, fetchGateway } from '../support/http';

const chat = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  messages: [{ role: 'user', content: 'hello there' }],
  ...extra,
});
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

describe('retry and failover', () => {
  it('retries a 500 on the same provider and counts the retry', async () => {
    const g = await setupGateway([{}, {}], { strategy: 'priority' });
    await admin.put(`/model-providers/${g.providers[1]!.linkId}`, { priority: 5 });
    await queueFaults(g.providers[0]!.name, [{ status: 500 }]);
    const res = await call('POST', '/v1/chat/completions', { body: chat(g.model), headers: auth(g.key) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-retries')).toBe('1');
    expect(res.headers.get('x-gateway-provider')).toBe(g.providers[0]!.name);
    expect(await recorded(g.providers[0]!.name)).toHaveLength(2);
    expect(await recorded(g.providers[1]!.name)).toHaveLength(0);
  });

  it('moves on at once after a 400 and never retries it', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], { strategy: 'priority' });
    await queueFaults(g.providers[0]!.name, [{ status: 400 }]);
    const res = await call('POST', '/v1/chat/completions', { body: chat(g.model), headers: auth(g.key) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    expect(await recorded(g.providers[0]!.name)).toHaveLength(1);
  });

  it('honours a long Retry-After on 429: moves on, then skips the provider during its cooldown', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], { strategy: 'priority' });
    await queueFaults(g.providers[0]!.name, [{ status: 429, retryAfter: 60 }]);
    const first = await call('POST', '/v1/chat/completions', { body: chat(g.model), headers: auth(g.key) });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    // The outcome reaches the balancer in waitUntil; give it a moment before the next request.
    await new Promise((r) => setTimeout(r, 100));
    const second = await call('POST', '/v1/chat/completions', { body: chat(g.model), headers: auth(g.key) });
    expect(second.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    expect(await recorded(g.providers[0]!.name)).toHaveLength(1);
    const detail = await admin.get(`/models/${g.model}`);
    const link = (detail.json.providers as { id: number; health_cooldown_until: string | null }[]).find(
      (l) => l.id === g.providers[0]!.linkId,
    );
    expect(link?.health_cooldown_until).not.toBeNull();
  });

  it('waits out a short Retry-After on the same provider', async () => {
    const g = await setupGateway([{}]);
    await queueFaults(g.providers[0]!.name, [{ status: 503, retryAfterMs: 50 }]);
    const res = await call('POST', '/v1/chat/completions', { body: chat(g.model), headers: auth(g.key) });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-retries')).toBe('1');
    expect(await recorded(g.providers[0]!.name)).toHaveLength(2);
  });

  it('returns the last upstream error in the client envelope when every provider fails', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }, { protocol: 'anthropic' }]);
    for (const p of g.providers)
      await queueFaults(p.name, [{ status: 529 }, { status: 529 }, { status: 529 }]);
    const res = await call('POST', '/v1/messages', {
      body: { model: g.model, max_tokens: 20, messages: [{ role: 'user', content: 'x' }] },
      headers: { 'x-api-key': g.key, 'anthropic-version': '2023-06-01' },
    });
    expect(res.status).toBe(529);
    expect(res.json).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
    expect(res.headers.get('x-gateway-retries')).toBe('5');
  });

  it('fails over when the first provider sends nothing before its timeout', async () => {
    const g = await setupGateway([{ priority: 0, timeoutSeconds: 1 }, { priority: 1 }], {
      strategy: 'priority',
    });
    await queueFaults(g.providers[0]!.name, [{ timeout: true }, { timeout: true }, { timeout: true }]);
    const res = await call('POST', '/v1/chat/completions', {
      body: chat(g.model, { stream: true }),
      headers: auth(g.key),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    expect(res.text).toContain('[DONE]');
  });

  it('ends a stream that breaks mid-way with an error event, not a hang', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { ...auth(g.key), 'x-mock-fault': 'abort-after-2' },
      body: chat(g.model, { stream: true }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"code":"upstream_stream_error"');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });

  it('ends a broken Anthropic stream with an Anthropic error event', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const res = await fetchGateway('/v1/messages', {
      headers: { 'x-api-key': g.key, 'anthropic-version': '2023-06-01', 'x-mock-fault': 'abort-after-3' },
      body: { model: g.model, max_tokens: 50, stream: true, messages: [{ role: 'user', content: 'x' }] },
    });
    const text = await res.text();
    expect(text).toContain('event: error');
    expect(text).toContain('"type":"api_error"');
  });
});

describe('balancing through the gateway', () => {
  it('splits 3:1 weights exactly over 40 requests', async () => {
    const g = await setupGateway([{ weight: 3 }, { weight: 1 }]);
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        call('POST', '/v1/chat/completions', { body: chat(g.model), headers: auth(g.key) }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await recorded(g.providers[0]!.name)).toHaveLength(30);
    expect(await recorded(g.providers[1]!.name)).toHaveLength(10);
  });
});

describe('admin routing views', () => {
  it('simulates routing with rules, order and estimated cost', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], {
      strategy: 'priority',
      input_price: 1,
      output_price: 2,
    });
    await admin.put(`/model-providers/${g.providers[0]!.linkId}`, {
      provider_rules: { rules: [{ field: 'headers.x-tier', operator: 'eq', value: 'gold' }] },
    });
    const silver = await admin.post(`/models/${g.model}/match`, {
      input_tokens: 1000,
      headers: { 'X-Tier': 'silver' },
    });
    expect(silver.status).toBe(200);
    const silverIds = (silver.json.candidates as { link_id: number }[]).map((c) => c.link_id);
    expect(silverIds).toEqual([g.providers[1]!.linkId]);
    const gold = await admin.post(`/models/${g.model}/match`, {
      input_tokens: 1000,
      headers: { 'x-tier': 'gold' },
    });
    const candidates = gold.json.candidates as { link_id: number; estimated_cost: number }[];
    expect(candidates.map((c) => c.link_id)).toEqual([g.providers[0]!.linkId, g.providers[1]!.linkId]);
    // 1000 input tokens at $1/M plus 512 expected output tokens at $2/M.
    expect(candidates[0]?.estimated_cost).toBeCloseTo(0.001 + 0.001024, 9);
  });
});

describe('a client that leaves', () => {
  it('cancels the upstream request mid-stream', async () => {
    const g = await setupGateway([{}]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { ...auth(g.key), 'x-mock-fault': 'stall-after-2' },
      body: chat(g.model, { stream: true }),
    });
    const reader = res.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    let closed = false;
    for (let i = 0; i < 50 && !closed; i++) {
      closed = (await recorded(g.providers[0]!.name)).every((r) => r.clientClosed);
      if (!closed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(closed).toBe(true);
  });
});

describe('a stream that goes quiet after the commit point', () => {
  it('ends with a timeout error event once the provider’s idle timeout passes', async () => {
    const g = await setupGateway([{ timeoutSeconds: 1 }]);
    const res = await fetchGateway('/v1/chat/completions', {
      headers: { ...auth(g.key), 'x-mock-fault': 'stall-after-2' },
      body: chat(g.model, { stream: true }),
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('timed out');
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
  });
});
