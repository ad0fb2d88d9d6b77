// The response cache through `wrangler dev`, driven by the official SDKs; the mock's request recorder proves a HIT never reached it.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { adminCall, gatewayUrl, recordedCount, setupGateway, unique } from './support/gateway.ts';

const CACHED = { cache_ttl_seconds: 600 };

const openai = (key: string, headers: Record<string, string> = {}) =>
  new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: key, maxRetries: 0, defaultHeaders: headers });
const anthropic = (key: string, headers: Record<string, string> = {}) =>
  new Anthropic({ baseURL: gatewayUrl(), apiKey: key, maxRetries: 0, defaultHeaders: headers });

const ask = (prompt: string) => [{ role: 'user' as const, content: prompt }];

async function chatOnce(client: OpenAI, model: string, prompt: string) {
  const { data, response } = await client.chat.completions
    .create({ model, messages: ask(prompt) })
    .withResponse();
  return { text: data.choices[0]?.message.content, cache: response.headers.get('x-gateway-cache') };
}

async function chatStream(client: OpenAI, model: string, prompt: string) {
  const { data, response } = await client.chat.completions
    .create({ model, messages: ask(prompt), stream: true })
    .withResponse();
  let text = '';
  let finish: string | null | undefined;
  for await (const chunk of data) {
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  return { text, finish, cache: response.headers.get('x-gateway-cache') };
}

async function messagesStream(client: Anthropic, model: string, prompt: string) {
  const stream = client.messages.stream({ model, max_tokens: 64, messages: ask(prompt) });
  const { response } = await stream.withResponse();
  const final = await stream.finalMessage();
  return { message: final, cache: response.headers.get('x-gateway-cache') };
}

describe('the response cache with the official OpenAI SDK', () => {
  it('answers a repeated request from the cache without reaching the provider', async () => {
    const g = await setupGateway([{}], CACHED);
    const prompt = unique('sdk repeat');
    const first = await chatOnce(openai(g.key), g.model, prompt);
    const second = await chatOnce(openai(g.key), g.model, prompt);
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(second.text).toBe(first.text);
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });

  it('replays a stream to the SDK’s stream iterator', async () => {
    const g = await setupGateway([{}], CACHED);
    const prompt = unique('sdk stream');
    const first = await chatStream(openai(g.key), g.model, prompt);
    const second = await chatStream(openai(g.key), g.model, prompt);
    expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    expect(second).toMatchObject({ text: first.text, finish: 'stop' });
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });

  it('replays a stream stored from an Anthropic upstream to Chat clients, as a stream and as JSON', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }], CACHED);
    const prompt = unique('claude stream for openai');
    const live = await chatStream(openai(g.key), g.model, prompt);
    const replayed = await chatStream(openai(g.key), g.model, prompt);
    const whole = await chatOnce(openai(g.key), g.model, prompt);
    expect([live.cache, replayed.cache, whole.cache]).toEqual(['MISS', 'HIT', 'HIT']);
    expect(replayed.text).toBe(live.text);
    expect(whole.text).toBe(live.text);
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });

  it('gives another key’s identical request a MISS under the default scope', async () => {
    const g = await setupGateway([{}], CACHED);
    const other = (await adminCall('POST', '/api-keys', { key_name: unique('e2e-other') }))
      .key_value as string;
    const prompt = unique('not yours');
    await chatOnce(openai(g.key), g.model, prompt);
    const theirs = await chatOnce(openai(other), g.model, prompt);
    expect(theirs.cache).toBe('MISS');
    expect(await recordedCount(g.providers[0]!.name)).toBe(2);
  });
});

describe('the response cache with the official Anthropic SDK', () => {
  it('answers a repeated message from the cache', async () => {
    const g = await setupGateway([{ protocol: 'anthropic' }], CACHED);
    const prompt = unique('claude repeat');
    const call = () =>
      anthropic(g.key)
        .messages.create({ model: g.model, max_tokens: 64, messages: ask(prompt) })
        .withResponse();
    const first = await call();
    const second = await call();
    expect(first.response.headers.get('x-gateway-cache')).toBe('MISS');
    expect(second.response.headers.get('x-gateway-cache')).toBe('HIT');
    expect(second.data.content).toEqual(first.data.content);
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });

  it('replays a stream to MessageStream, from an OpenAI upstream, and serves the same answer whole', async () => {
    const g = await setupGateway([{ protocol: 'openai' }], CACHED);
    const prompt = unique('openai stream for claude');
    const live = await messagesStream(anthropic(g.key), g.model, prompt);
    const replayed = await messagesStream(anthropic(g.key), g.model, prompt);
    const whole = await anthropic(g.key).messages.create({
      model: g.model,
      max_tokens: 64,
      messages: ask(prompt),
    });
    expect([live.cache, replayed.cache]).toEqual(['MISS', 'HIT']);
    expect(replayed.message.content).toEqual(live.message.content);
    expect(replayed.message.stop_reason).toBe('end_turn');
    expect(whole.content).toEqual(live.message.content);
    expect(await recordedCount(g.providers[0]!.name)).toBe(1);
  });
});

describe('what the cache never keeps, seen by the SDKs', () => {
  it('a stream that failed mid-way', async () => {
    const g = await setupGateway([{}], CACHED);
    const prompt = unique('broken');
    await expect(
      chatStream(openai(g.key, { 'x-mock-fault': 'abort-after-2' }), g.model, prompt),
    ).rejects.toThrow(/upstream/i);
    const next = await chatStream(openai(g.key), g.model, prompt);
    expect(next.cache).toBe('MISS');
    expect(await recordedCount(g.providers[0]!.name)).toBe(2);
  });

  it('an error answer', async () => {
    const g = await setupGateway([{}], CACHED);
    const prompt = unique('refused');
    await expect(
      chatOnce(openai(g.key, { 'x-mock-fault': 'status-400' }), g.model, prompt),
    ).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect((await chatOnce(openai(g.key), g.model, prompt)).cache).toBe('MISS');
  });

  it('a request with x-gateway-skip-cache', async () => {
    const g = await setupGateway([{}], CACHED);
    const prompt = unique('skip me');
    const skipped = await chatOnce(openai(g.key, { 'x-gateway-skip-cache': 'true' }), g.model, prompt);
    expect(skipped.cache).toBe('BYPASS');
    expect((await chatOnce(openai(g.key), g.model, prompt)).cache).toBe('MISS');
    expect(await recordedCount(g.providers[0]!.name)).toBe(2);
  });
});
