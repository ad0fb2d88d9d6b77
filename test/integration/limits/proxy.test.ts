import { describe, expect, it } from 'vitest';
import { scopeName } from '../../../worker/limits/admission';
import { queueFaults, recorded, setupGateway } from '../support/gateway';
import { admin, call } from '../support/http';
import { limitedKey, pinClock } from '../support/limits';
import { waitForLogs } from '../support/logs';

const openai = (key: string, extra: Record<string, string> = {}) => ({
  authorization: `Bearer ${key}`,
  ...extra,
});
const anthropic = (key: string) => ({ 'x-api-key': key, 'anthropic-version': '2023-06-01' });
const chat = (model: string, key: string, extra: Record<string, string> = {}) =>
  call('POST', '/v1/chat/completions', {
    headers: openai(key, extra),
    body: { model, messages: [{ role: 'user', content: 'hi' }] },
  });
const messages = (model: string, key: string) =>
  call('POST', '/v1/messages', {
    headers: anthropic(key),
    body: { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
  });

describe('rate limits through the gateway', () => {
  it('refuses past rpm_limit with 429 rate_limit_exceeded and retry-after in the OpenAI envelope', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ rpm_limit: 2 });
    const ok = [await chat(g.model, key), await chat(g.model, key)];
    expect(ok.map((r) => r.status)).toEqual([200, 200]);
    expect(ok[1]?.headers.get('x-ratelimit-limit-requests')).toBe('2');
    expect(ok[1]?.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    expect(ok[1]?.headers.get('x-ratelimit-reset-requests')).toMatch(/^\d+(\.\d+)?m?s$/);
    const refused = await chat(g.model, key);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({
      error: {
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        message: expect.stringContaining('2 requests per minute'),
      },
    });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    // The refused request reached no provider and is logged with its status and error type.
    expect(await recorded(g.providers[0]!.name)).toHaveLength(2);
    const [row] = await waitForLogs(refused.headers.get('x-gateway-trace-id') as string);
    expect(row).toMatchObject({
      response_status: 429,
      error_type: 'rate_limit_exceeded',
      provider_name: null,
    });
  });

  it('answers a refused Anthropic client in its own envelope', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ rpm_limit: 1 });
    expect((await messages(g.model, key)).status).toBe(200);
    const refused = await messages(g.model, key);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('sends x-ratelimit headers on every response of a limited key: upstream errors, 404s, bad bodies', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ rpm_limit: 50, tpm_limit: 100_000 });
    await queueFaults(g.providers[0]!.name, [{ status: 400 }]);
    const upstream = await chat(g.model, key);
    expect(upstream.status).toBe(400);
    const unknown = await chat('no-such-model', key);
    expect(unknown.status).toBe(404);
    const bad = await call('POST', '/v1/chat/completions', { headers: openai(key), body: { messages: [] } });
    expect(bad.status).toBe(400);
    for (const res of [upstream, unknown, bad]) {
      expect(res.headers.get('x-ratelimit-limit-requests')).toBe('50');
      expect(res.headers.get('x-ratelimit-limit-tokens')).toBe('100000');
      expect(Number(res.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThanOrEqual(100_000);
    }
    // The body without a model was refused before admission: it does not count against the window.
    expect(upstream.headers.get('x-ratelimit-remaining-requests')).toBe('49');
    expect(bad.headers.get('x-ratelimit-remaining-requests')).toBe('48');
  });

  it('sends no x-ratelimit headers for a key without limits', async () => {
    const g = await setupGateway([{}]);
    const res = await chat(g.model, g.key);
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].some((k) => k.startsWith('x-ratelimit'))).toBe(false);
  });

  it('applies user_rpm_limit to each x-user-id on its own', async () => {
    const g = await setupGateway([{}]);
    const { id, key } = await limitedKey({ user_rpm_limit: 2 });
    await pinClock(scopeName.user(id, 'alice'));
    await pinClock(scopeName.user(id, 'bob'));
    const alice = { 'x-user-id': 'alice' };
    const a = [
      await chat(g.model, key, alice),
      await chat(g.model, key, alice),
      await chat(g.model, key, alice),
    ];
    expect(a.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(a[2]?.json).toMatchObject({ error: { message: expect.stringContaining('this user') } });
    expect((await chat(g.model, key, { 'x-user-id': 'bob' })).status).toBe(200);
    // Without a user id the per-user limit does not apply.
    expect((await chat(g.model, key)).status).toBe(200);
  });

  it('applies a model rpm_limit across every key', async () => {
    const g = await setupGateway([{}], { rpm_limit: 3 });
    await pinClock(scopeName.model(g.model));
    const other = await admin.post('/api-keys', { key_name: `other-${g.model}` });
    const second = other.json.key_value as string;
    const statuses = [
      (await chat(g.model, g.key)).status,
      (await chat(g.model, second)).status,
      (await chat(g.model, g.key)).status,
    ];
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await chat(g.model, second);
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({
      error: { code: 'rate_limit_exceeded', message: expect.stringContaining('this model') },
    });
  });
});

describe('model allow-lists', () => {
  it('refuses a model not on the list with 403 model_not_allowed, before any provider, in both envelopes', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ allowed_models: ['gpt-4o*', 'claude-*'] });
    const a = await chat(g.model, key);
    expect(a.status).toBe(403);
    expect(a.json).toMatchObject({ error: { type: 'permission_error', code: 'model_not_allowed' } });
    const b = await messages(g.model, key);
    expect(b.status).toBe(403);
    expect(b.json).toMatchObject({ type: 'error', error: { type: 'permission_error' } });
    expect(await recorded(g.providers[0]!.name)).toHaveLength(0);
    const [row] = await waitForLogs(a.headers.get('x-gateway-trace-id') as string);
    expect(row).toMatchObject({ response_status: 403, error_type: 'model_not_allowed' });
  });

  it('lets through a model matched by a wildcard', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ allowed_models: [`${g.model.slice(0, 6)}*`] });
    expect((await chat(g.model, key)).status).toBe(200);
  });
});

describe('budgets through the gateway', () => {
  it('refuses a spent budget with 429 budget_exceeded (OpenAI type insufficient_quota) and tells SDKs not to retry', async () => {
    const g = await setupGateway([{}], { input_price: 1, output_price: 1 });
    const { key } = await limitedKey({ budget_usd: 0, budget_period: 'day' });
    const res = await chat(g.model, key);
    expect(res.status).toBe(429);
    expect(res.json).toMatchObject({ error: { type: 'insufficient_quota', code: 'budget_exceeded' } });
    expect(res.headers.get('x-should-retry')).toBe('false');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    const anthropicRes = await messages(g.model, key);
    expect(anthropicRes.status).toBe(429);
    expect(anthropicRes.json).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(await recorded(g.providers[0]!.name)).toHaveLength(0);
  });

  it('applies user_budget_usd to each x-user-id under the key', async () => {
    const g = await setupGateway([{}], { input_price: 1, output_price: 1 });
    const { id, key } = await limitedKey({ user_budget_usd: 0 });
    await pinClock(scopeName.user(id, 'carol'));
    const refused = await chat(g.model, key, { 'x-user-id': 'carol' });
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({
      error: { code: 'budget_exceeded', message: expect.stringContaining('this user') },
    });
    expect((await chat(g.model, key)).status).toBe(200);
  });
});
