import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { adminCall, gatewayUrl, plantSecret, setupGateway, unique } from './support/gateway.ts';

async function limitedKey(fields: Record<string, unknown>): Promise<{ id: number; key: string }> {
  const created = await adminCall('POST', '/api-keys', { key_name: unique('e2e-limited'), ...fields });
  plantSecret(created.key_value as string);
  return { id: created.id as number, key: created.key_value as string };
}

const openai = (key: string, maxRetries = 0, headers: Record<string, string> = {}) =>
  new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: key, maxRetries, defaultHeaders: headers });
const anthropic = (key: string, maxRetries = 0) =>
  new Anthropic({ baseURL: gatewayUrl(), apiKey: key, maxRetries });

const ask = (client: OpenAI, model: string) =>
  client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] });
const askClaude = (client: Anthropic, model: string) =>
  client.messages.create({ model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] });

/** Starts a minute-window test early in a minute, so the window cannot end between its requests. */
async function freshMinute(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((r) => setTimeout(r, left + 50));
}

async function logsOf(keyId: number): Promise<{ response_status: number; error_type: string | null }[]> {
  for (let i = 0; i < 50; i++) {
    const res = await adminCall('GET', `/logs?api_key_id=${keyId}&page_size=100`);
    const items = res.items as { response_status: number; error_type: string | null }[];
    if (items.length > 0) return items;
    await new Promise((r) => setTimeout(r, 200));
  }
  return [];
}

describe('governance as the official SDKs see it', () => {
  it('OpenAI: rpm_limit → RateLimitError with the code, retry-after and x-ratelimit headers', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ rpm_limit: 1 });
    await freshMinute();
    const client = openai(key);
    const { response } = await client.chat.completions
      .create({ model: g.model, messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(response.headers.get('x-ratelimit-limit-requests')).toBe('1');
    expect(response.headers.get('x-ratelimit-remaining-requests')).toBe('0');
    const err = await ask(client, g.model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.code).toBe('rate_limit_exceeded');
    expect(e.type).toBe('rate_limit_error');
    expect(Number(e.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(e.headers?.get('x-ratelimit-reset-requests')).toMatch(/s$/);
  });

  it('OpenAI: a spent budget → RateLimitError insufficient_quota / budget_exceeded, and the SDK does not retry it', async () => {
    const g = await setupGateway([{}], { input_price: 1, output_price: 1 });
    const { id, key } = await limitedKey({ budget_usd: 0 });
    const err = await ask(openai(key, 2), g.model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.code).toBe('budget_exceeded');
    expect(e.type).toBe('insufficient_quota');
    const rows = await logsOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ response_status: 429, error_type: 'budget_exceeded' });
  });

  it('OpenAI and Anthropic: a model off the allow-list → PermissionDeniedError', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ allowed_models: ['only-this-one'] });
    const a = await ask(openai(key), g.model).catch((e: unknown) => e);
    expect(a).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect((a as InstanceType<typeof OpenAI.PermissionDeniedError>).code).toBe('model_not_allowed');
    const b = await askClaude(anthropic(key), g.model).catch((e: unknown) => e);
    expect(b).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((b as InstanceType<typeof Anthropic.PermissionDeniedError>).error).toMatchObject({
      type: 'error',
      error: { type: 'permission_error' },
    });
  });

  it('Anthropic: rpm_limit → RateLimitError in the Anthropic envelope', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const { key } = await limitedKey({ rpm_limit: 1 });
    await freshMinute();
    const client = anthropic(key);
    await askClaude(client, g.model);
    const err = await askClaude(client, g.model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.RateLimitError);
    const e = err as InstanceType<typeof Anthropic.RateLimitError>;
    expect(e.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(Number(e.headers?.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('the SDKs’ own retries honour retry-after: a request refused at the concurrency limit succeeds once the slot frees', async () => {
    const g = await setupGateway([{}]);
    const { id, key } = await limitedKey({ concurrency_limit: 1 });
    const slow = ask(openai(key, 0, { 'x-mock-fault': 'delay-700' }), g.model);
    await new Promise((r) => setTimeout(r, 150));
    const started = Date.now();
    const res = await ask(openai(key, 2), g.model);
    const waited = Date.now() - started;
    expect(res.choices[0]?.message.content).toContain('hi');
    await slow;
    // Refused with retry-after: 1, retried by the SDK after that second (its own backoff starts at 0.5 s).
    expect(waited).toBeGreaterThanOrEqual(950);
    const rows = await logsOf(id);
    expect(rows.some((r) => r.response_status === 429 && r.error_type === 'rate_limit_exceeded')).toBe(true);

    const claude = await setupGateway([{ protocol: 'anthropic' }]);
    const other = await limitedKey({ concurrency_limit: 1 });
    const held = new Anthropic({
      baseURL: gatewayUrl(),
      apiKey: other.key,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-fault': 'delay-700' },
    });
    const pending = askClaude(held, claude.model);
    await new Promise((r) => setTimeout(r, 150));
    const t0 = Date.now();
    const msg = await askClaude(anthropic(other.key, 2), claude.model);
    expect(msg.content.length).toBeGreaterThan(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
    await pending;
  }, 30_000);
});
