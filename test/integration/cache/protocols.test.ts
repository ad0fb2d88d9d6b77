import { describe, expect, it } from 'vitest';
import type { SseEvent } from '../../../worker/lib/sse';
import { ask, cachedGateway, chatBody, upstreamCalls } from '../support/cache';
import { unique } from '../support/http';

const chatText = (events: SseEvent[]) =>
  events
    .filter((e) => e.data !== '[DONE]')
    .map(
      (e) =>
        (JSON.parse(e.data) as { choices: { delta?: { content?: string } }[] }).choices[0]?.delta?.content ??
        '',
    )
    .join('');

const messagesText = (events: SseEvent[]) =>
  events
    .map((e) => JSON.parse(e.data) as { type: string; delta?: { type?: string; text?: string } })
    .filter((d) => d.type === 'content_block_delta' && d.delta?.type === 'text_delta')
    .map((d) => d.delta?.text ?? '')
    .join('');

describe('a cached answer reaches every client protocol it converts to', () => {
  it('replays an Anthropic upstream stream to a Chat client as Chat chunks, and as JSON', async () => {
    const g = await cachedGateway(['anthropic']);
    const prompt = unique('from claude');
    const live = await ask(g, '/v1/chat/completions', chatBody(g.model, prompt, { stream: true }));
    const again = await ask(g, '/v1/chat/completions', chatBody(g.model, prompt, { stream: true }));
    const whole = await ask(g, '/v1/chat/completions', chatBody(g.model, prompt));
    expect([live.cache, again.cache, whole.cache]).toEqual(['MISS', 'HIT', 'HIT']);
    expect(chatText(again.events)).toBe(chatText(live.events));
    expect(again.events.at(-1)?.data).toBe('[DONE]');
    const choice = (whole.json.choices as { message: { content: string }; finish_reason: string }[])[0];
    expect(choice?.message.content).toBe(chatText(live.events));
    expect(choice?.finish_reason).toBe('stop');
    expect(await upstreamCalls(g)).toBe(1);
  });

  it('serves Anthropic Messages clients, stream and not, from one stored stream', async () => {
    const g = await cachedGateway(['openai']);
    const body = {
      model: g.model,
      max_tokens: 64,
      messages: [{ role: 'user', content: unique('to claude') }],
    };
    const live = await ask(g, '/v1/messages', { ...body, stream: true });
    const again = await ask(g, '/v1/messages', { ...body, stream: true });
    const whole = await ask(g, '/v1/messages', body);
    expect([live.cache, again.cache, whole.cache]).toEqual(['MISS', 'HIT', 'HIT']);
    expect(again.events.map((e) => e.event)).toEqual(live.events.map((e) => e.event));
    expect(messagesText(again.events)).toBe(messagesText(live.events));
    expect(whole.json).toMatchObject({ type: 'message', role: 'assistant', stop_reason: 'end_turn' });
    expect((whole.json.content as { text: string }[])[0]?.text).toBe(messagesText(live.events));
    expect(await upstreamCalls(g)).toBe(1);
  });

  it('caches streamed Responses requests and replays them with the full event set', async () => {
    const g = await cachedGateway(['anthropic']);
    // Only an answer the gateway does not store is cached (a stored one must be a new response).
    const body = { model: g.model, input: unique('responses stream'), store: false };
    const live = await ask(g, '/v1/responses', { ...body, stream: true });
    const again = await ask(g, '/v1/responses', { ...body, stream: true });
    const whole = await ask(g, '/v1/responses', body);
    expect([live.cache, again.cache, whole.cache]).toEqual(['MISS', 'HIT', 'HIT']);
    const types = (events: SseEvent[]) => events.map((e) => e.event);
    expect(types(again.events)).toEqual(types(live.events));
    expect(types(again.events).at(-1)).toBe('response.completed');
    expect(whole.json).toMatchObject({ object: 'response', status: 'completed' });
    expect(await upstreamCalls(g)).toBe(1);
  });

  it('caches legacy completions and embeddings', async () => {
    const g = await cachedGateway(['openai']);
    const completion = { model: g.model, prompt: unique('complete this'), max_tokens: 8 };
    const c1 = await ask(g, '/v1/completions', completion);
    const c2 = await ask(g, '/v1/completions', completion);
    expect([c1.cache, c2.cache]).toEqual(['MISS', 'HIT']);
    expect(c2.text).toBe(c1.text);
    const embedding = { model: g.model, input: unique('embed this') };
    const e1 = await ask(g, '/v1/embeddings', embedding);
    const e2 = await ask(g, '/v1/embeddings', embedding);
    expect([e1.status, e1.cache, e2.cache]).toEqual([200, 'MISS', 'HIT']);
    expect(e2.json).toEqual(e1.json);
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('keeps the chat, messages and responses endpoints apart: the same words are a different question', async () => {
    const g = await cachedGateway(['openai']);
    const prompt = unique('one prompt');
    await ask(g, '/v1/chat/completions', chatBody(g.model, prompt, { max_tokens: 64 }));
    const messages = await ask(g, '/v1/messages', chatBody(g.model, prompt, { max_tokens: 64 }));
    expect(messages.cache).toBe('MISS');
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('does not cache a Responses request the gateway stores, and stores each answer anew', async () => {
    const g = await cachedGateway(['anthropic']);
    const body = { model: g.model, input: unique('kept responses') };
    const first = await ask(g, '/v1/responses', body);
    const second = await ask(g, '/v1/responses', body);
    expect([first.cache, second.cache]).toEqual(['BYPASS', 'BYPASS']);
    expect(first.json.id).not.toBe(second.json.id);
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('does not cache a Responses request that continues stored state', async () => {
    const g = await cachedGateway(['openai_responses']);
    const res = await ask(g, '/v1/responses', {
      model: g.model,
      input: 'continue',
      previous_response_id: 'resp_123',
    });
    expect(res.cache).toBe('BYPASS');
  });
});
