import { describe, expect, it } from 'vitest';
import { ask, cachedGateway, chatBody, settle, upstreamCalls } from '../support/cache';
import { queueFaults } from '../support/gateway';
import { fetchGateway, unique } from '../support/http';

const CHAT = '/v1/chat/completions';

/** The request after a failed one: a MISS that reaches the provider proves the failure was not kept. */
async function expectNotKept(g: Awaited<ReturnType<typeof cachedGateway>>, body: Record<string, unknown>) {
  await settle();
  const next = await ask(g, CHAT, body);
  expect(next.status).toBe(200);
  expect(next.cache).toBe('MISS');
  return next;
}

describe('only complete, successful answers are kept', () => {
  it('keeps no error answer', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('error answer'));
    const failed = await ask(g, CHAT, body, { 'x-mock-fault': 'status-400' });
    expect([failed.status, failed.cache]).toEqual([400, 'MISS']);
    await expectNotKept(g, body);
    expect(await upstreamCalls(g)).toBe(2);
  });

  it('keeps no stream the upstream broke off mid-way', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('aborted stream'), { stream: true });
    const broken = await ask(g, CHAT, body, { 'x-mock-fault': 'abort-after-2' });
    expect(broken.text).toContain('upstream_stream_error');
    await expectNotKept(g, body);
  });

  it('keeps no stream that carries an error event, though it ended cleanly', async () => {
    for (const protocol of ['openai', 'anthropic']) {
      const g = await cachedGateway([protocol]);
      const body = chatBody(g.model, unique(`error event ${protocol}`), { stream: true });
      const first = await ask(g, CHAT, body, { 'x-mock-fault': 'error-after-2' });
      expect(first.status).toBe(200);
      await expectNotKept(g, body);
    }
  });

  it('keeps no stream the client walked away from', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('walked away'), { stream: true });
    const res = await fetchGateway(CHAT, {
      headers: { authorization: `Bearer ${g.key}`, 'x-mock-chunks': '40', 'x-mock-chunk-gap-ms': '20' },
      body,
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    await settle(200);
    await expectNotKept(g, body);
  });

  it('keeps no answer of a request that skipped the cache', async () => {
    const g = await cachedGateway();
    const body = chatBody(g.model, unique('skipped'));
    expect((await ask(g, CHAT, body, { 'x-gateway-skip-cache': '1' })).cache).toBe('BYPASS');
    await expectNotKept(g, body);
  });

  it('keeps the answer that succeeded after a failover, not the failure before it', async () => {
    const g = await cachedGateway();
    await queueFaults(g.providers[0]!.name, [{ status: 500 }]);
    const body = chatBody(g.model, unique('after retry'));
    const first = await ask(g, CHAT, body);
    expect([first.status, first.headers.get('x-gateway-retries')]).toEqual([200, '1']);
    const second = await ask(g, CHAT, body);
    expect(second.cache).toBe('HIT');
    expect(second.text).toBe(first.text);
  });
});
