import { describe, expect, it } from 'vitest';
import { ask, cachedGateway, chatBody, upstreamCalls } from '../support/cache';
import { setupGateway } from '../support/gateway';
import { unique } from '../support/http';

const CHAT = '/v1/chat/completions';

describe('the response cache answers a repeated request without the provider', () => {
  it('serves the second identical chat request from the cache, byte for byte', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('repeat me'));
    const first = await ask(g, CHAT, body);
    const second = await ask(g, CHAT, body);
    expect([first.status, first.cache, first.aig]).toEqual([200, 'MISS', 'MISS']);
    expect([second.status, second.cache, second.aig]).toEqual([200, 'HIT', 'HIT']);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('x-gateway-provider')).toBeNull();
    expect(await upstreamCalls(g)).toBe(1);
  });

  it('replays a stream with its original events to a streaming client', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('stream me'), { stream: true });
    const first = await ask(g, CHAT, body);
    const second = await ask(g, CHAT, body);
    expect(second.cache).toBe('HIT');
    expect(second.headers.get('content-type')).toContain('text/event-stream');
    expect(second.events).toEqual(first.events);
    expect(second.events.at(-1)?.data).toBe('[DONE]');
    expect(await upstreamCalls(g)).toBe(1);
  });

  it('answers a non-streaming client from a stored stream, and a streaming one from a stored body', async () => {
    const g = await cachedGateway();
    const prompt = unique('both ways');
    const streamed = await ask(g, CHAT, chatBody(g.model, prompt, { stream: true }));
    const whole = await ask(g, CHAT, chatBody(g.model, prompt));
    expect([streamed.cache, whole.cache]).toEqual(['MISS', 'HIT']);
    const text = streamed.events
      .filter((e) => e.data !== '[DONE]')
      .map(
        (e) =>
          (JSON.parse(e.data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta
            ?.content ?? '',
      )
      .join('');
    const message = (whole.json.choices as { message: { content: string }; finish_reason: string }[])[0];
    expect(message?.message.content).toBe(text);
    expect(message?.finish_reason).toBe('stop');
    expect(whole.json.object).toBe('chat.completion');

    const other = unique('body first');
    const stored = await ask(g, CHAT, chatBody(g.model, other));
    const replayed = await ask(g, CHAT, chatBody(g.model, other, { stream: true }));
    expect([stored.cache, replayed.cache]).toEqual(['MISS', 'HIT']);
    const chunks = replayed.events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data));
    const content = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    const storedMessage = (stored.json.choices as { message: { content: string } }[])[0];
    expect(content).toBe(storedMessage?.message.content);
    // The client did not ask for usage: the replay sends none, as a live stream would not.
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('keys on every body field but the stream flag: field order is the same question, a new value is not', async () => {
    const g = await cachedGateway();
    const prompt = unique('order');
    const messages = [{ role: 'user', content: prompt }];
    await ask(g, CHAT, { model: g.model, temperature: 0.5, messages });
    const reordered = await ask(g, CHAT, { messages, temperature: 0.5, model: g.model });
    const changed = await ask(g, CHAT, { model: g.model, temperature: 0.6, messages });
    expect([reordered.cache, changed.cache]).toEqual(['HIT', 'MISS']);
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('sends no cache header and reaches the provider every time when caching is off', async () => {
    const g = await setupGateway([{}]);
    const body = chatBody(g.model, unique('uncached'));
    const first = await ask(g, CHAT, body);
    const second = await ask(g, CHAT, body);
    expect([first.cache, second.cache, second.aig]).toEqual([null, null, null]);
    expect(await upstreamCalls(g)).toBe(2);
  });
});

describe('per-request cache headers', () => {
  it('turns caching on for one request with x-gateway-cache-ttl or its cf-aig-cache-ttl alias', async () => {
    const g = await setupGateway([{}]);
    for (const header of ['x-gateway-cache-ttl', 'cf-aig-cache-ttl']) {
      const body = chatBody(g.model, unique(header));
      const first = await ask(g, CHAT, body, { [header]: '120' });
      const second = await ask(g, CHAT, body, { [header]: '120' });
      expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
    }
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('bypasses the cache with x-gateway-skip-cache or cf-aig-skip-cache, and keeps nothing of the answer', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('skip'));
    const skipped = await ask(g, CHAT, body, { 'x-gateway-skip-cache': 'true' });
    const alias = await ask(g, CHAT, body, { 'cf-aig-skip-cache': 'true' });
    const after = await ask(g, CHAT, body);
    expect([skipped.cache, alias.cache, after.cache]).toEqual(['BYPASS', 'BYPASS', 'MISS']);
    expect(await upstreamCalls(g)).toBe(3);
  });

  it('does not serve an answer older than the TTL the request accepts', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('fresh only'));
    await ask(g, CHAT, body);
    await new Promise((r) => setTimeout(r, 1100));
    const strict = await ask(g, CHAT, body, { 'x-gateway-cache-ttl': '1' });
    expect(strict.cache).toBe('MISS');
  });

  it('refuses a malformed cache header with a 400 in the caller’s envelope', async () => {
    const g = await cachedGateway(['anthropic']);
    const openai = await ask(g, CHAT, chatBody(g.model, 'bad ttl'), { 'x-gateway-cache-ttl': 'soon' });
    expect(openai.status).toBe(400);
    expect(openai.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_request' } });
    expect(JSON.stringify(openai.json)).toContain('x-gateway-cache-ttl');
    const anthropic = await ask(
      g,
      '/v1/messages',
      { model: g.model, max_tokens: 10, messages: [{ role: 'user', content: 'bad skip' }] },
      { 'cf-aig-skip-cache': 'maybe' },
    );
    expect(anthropic.status).toBe(400);
    expect(anthropic.json).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(await upstreamCalls(g)).toBe(0);
  });
});
