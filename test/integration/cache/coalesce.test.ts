import { describe, expect, it } from 'vitest';
import { flightCount } from '../../../worker/cache/flights';
import { ask, cachedGateway, chatBody, upstreamCalls } from '../support/cache';
import { unique } from '../support/http';

const CHAT = '/v1/chat/completions';

describe('identical requests in flight at once', () => {
  it('share one upstream call: the first asks, the others wait for its answer', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('together'));
    const slow = { 'x-mock-delay-ms': '300' };
    const answers = await Promise.all([1, 2, 3].map(() => ask(g, CHAT, body, slow)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.cache).sort()).toEqual(['HIT', 'HIT', 'MISS']);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await upstreamCalls(g)).toBe(1);
    expect(flightCount()).toBe(0);
  });

  it('a stream and a JSON request of the same question share the call, each in its own form', async () => {
    const g = await cachedGateway();
    const prompt = unique('mixed');
    const slow = { 'x-mock-delay-ms': '300' };
    const [streamed, whole] = await Promise.all([
      ask(g, CHAT, chatBody(g.model, prompt, { stream: true }), slow),
      ask(g, CHAT, chatBody(g.model, prompt), slow),
    ]);
    expect(streamed.headers.get('content-type')).toContain('text/event-stream');
    expect(whole.json.object).toBe('chat.completion');
    expect(await upstreamCalls(g)).toBe(1);
  });

  it('when the first fails, the waiting requests ask the provider themselves', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('leader fails'));
    const first = ask(g, CHAT, body, { 'x-mock-delay-ms': '200', 'x-mock-fault': 'status-400' });
    await new Promise((r) => setTimeout(r, 50));
    const second = ask(g, CHAT, body);
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([400, 200]);
    expect(b.cache).toBe('MISS');
    expect(await upstreamCalls(g)).toBe(2);
  });
});
