import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { adminCall, gatewayUrl, queueFaults, recordedCount, setupGateway } from './support/gateway.ts';

const openai = (key: string, headers: Record<string, string> = {}) =>
  new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: headers });
const hello = [{ role: 'user' as const, content: 'hello there' }];

describe('fault injection through the gateway, seen by the official SDKs', () => {
  it('500 then 200 on the same provider succeeds, with the retry counted', async () => {
    const g = await setupGateway([{}]);
    await queueFaults(g.providers[0]!.name, [{ status: 500 }]);
    const { data, response } = await openai(g.key)
      .chat.completions.create({ model: g.model, messages: hello })
      .withResponse();
    expect(data.choices[0]?.message.content).toContain('hello there');
    expect(response.headers.get('x-gateway-retries')).toBe('1');
    expect(await recordedCount(g.providers[0]!.name)).toBe(2);
  });

  it('429 with a long Retry-After moves on, and the provider is skipped while it cools down', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], { strategy: 'priority' });
    await queueFaults(g.providers[0]!.name, [{ status: 429, retryAfter: 120 }]);
    const client = openai(g.key);
    const first = await client.chat.completions.create({ model: g.model, messages: hello }).withResponse();
    expect(first.response.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    await new Promise((r) => setTimeout(r, 200));
    const second = await client.chat.completions.create({ model: g.model, messages: hello }).withResponse();
    expect(second.response.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });

  it('400 switches to the next provider at once and is not retried', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], { strategy: 'priority' });
    await queueFaults(g.providers[0]!.name, [{ status: 400 }]);
    const res = await openai(g.key)
      .chat.completions.create({ model: g.model, messages: hello })
      .withResponse();
    expect(res.response.headers.get('x-gateway-provider')).toBe(g.providers[1]!.name);
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });

  it('all providers failing returns the last error in the client’s envelope', async () => {
    const g = await setupGateway([{ protocol: 'openai' }, { protocol: 'openai' }]);
    const client = new Anthropic({
      baseURL: gatewayUrl(),
      apiKey: g.key,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-fault': 'status-503' },
    });
    const err = await client.messages
      .create({ model: g.model, max_tokens: 20, messages: hello })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(503);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error' },
    });
  });

  it('a timeout before the first byte fails over to the next provider', async () => {
    const g = await setupGateway([{ priority: 0 }, { priority: 1 }], { strategy: 'priority' });
    await adminCall('PUT', `/providers/${g.providers[0]!.id}`, { response_timeout_seconds: 1 });
    await queueFaults(g.providers[0]!.name, [{ timeout: true }, { timeout: true }, { timeout: true }]);
    const stream = openai(g.key).chat.completions.stream({ model: g.model, messages: hello });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toContain('hello there');
    expect(await recordedCount(g.providers[1]!.name)).toBe(1);
  });

  it('a mid-stream abort ends the SDK stream with an error, not a hang', async () => {
    const g = await setupGateway([{}]);
    const stream = openai(g.key, { 'x-mock-fault': 'abort-after-3' }).chat.completions.stream({
      model: g.model,
      messages: hello,
    });
    await expect(stream.finalChatCompletion()).rejects.toThrow(/upstream/i);
  });

  it('a mid-stream abort ends an Anthropic SDK stream with an error event', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const client = new Anthropic({
      baseURL: gatewayUrl(),
      apiKey: g.key,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-fault': 'abort-after-3' },
    });
    const stream = client.messages.stream({ model: g.model, max_tokens: 50, messages: hello });
    await expect(stream.finalMessage()).rejects.toThrow();
  });
});
