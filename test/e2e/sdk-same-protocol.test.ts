import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { gatewayUrl, setupGateway } from './support/gateway.ts';

describe('the official OpenAI SDK through the gateway', () => {
  it('gets a chat completion, non-stream', async () => {
    const g = await setupGateway([{ target: 'gpt-upstream' }]);
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: g.key, maxRetries: 0 });
    const res = await client.chat.completions.create({
      model: g.model,
      messages: [{ role: 'user', content: 'Say hi' }],
    });
    expect(res.choices[0]?.message.content).toContain('Say hi');
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
  });

  it('streams a chat completion and accumulates the final message', async () => {
    const g = await setupGateway([{}]);
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: g.key, maxRetries: 0 });
    const stream = client.chat.completions.stream({
      model: g.model,
      messages: [{ role: 'user', content: 'Stream hi' }],
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.message.content).toContain('Stream hi');
    expect(final.choices[0]?.finish_reason).toBe('stop');
  });

  it('lists the configured models', async () => {
    const g = await setupGateway([{}]);
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: g.key, maxRetries: 0 });
    const ids: string[] = [];
    for await (const m of client.models.list()) ids.push(m.id);
    expect(ids).toContain(g.model);
    const one = await client.models.retrieve(g.model);
    expect(one.id).toBe(g.model);
  });

  it('surfaces a bad key as the SDK’s AuthenticationError', async () => {
    const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: 'lgw-not-a-key', maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'x', messages: [] })).rejects.toBeInstanceOf(
      OpenAI.AuthenticationError,
    );
  });
});

describe('the official Anthropic SDK through the gateway', () => {
  it('gets a message, non-stream (Bearer auth, current API version)', async () => {
    const g = await setupGateway([{ protocol: 'anthropic', target: 'claude-upstream' }]);
    const client = new Anthropic({ baseURL: gatewayUrl(), apiKey: g.key, maxRetries: 0 });
    const msg = await client.messages.create({
      model: g.model,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello Claude' }],
    });
    expect(msg.content[0]?.type).toBe('text');
    expect(JSON.stringify(msg.content)).toContain('Hello Claude');
    expect(msg.usage.input_tokens).toBeGreaterThan(0);
  });

  it('streams a message and accumulates it', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const client = new Anthropic({ baseURL: gatewayUrl(), apiKey: g.key, maxRetries: 0 });
    const stream = client.messages.stream({
      model: g.model,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Stream to me' }],
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('end_turn');
    expect(JSON.stringify(final.content)).toContain('Stream to me');
  });

  it('works with an older client that sends x-api-key and 2023-06-01', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const res = await fetch(`${gatewayUrl()}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': g.key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: g.model,
        max_tokens: 10,
        messages: [{ role: 'user', content: 'old client' }],
      }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { type: string }).type).toBe('message');
  });

  it('surfaces an unknown model as the SDK’s NotFoundError', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }]);
    const client = new Anthropic({ baseURL: gatewayUrl(), apiKey: g.key, maxRetries: 0 });
    await expect(
      client.messages.create({
        model: 'missing-model',
        max_tokens: 5,
        messages: [{ role: 'user', content: 'x' }],
      }),
    ).rejects.toBeInstanceOf(Anthropic.NotFoundError);
  });
});
