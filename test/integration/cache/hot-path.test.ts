import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { app } from '../../../worker/app';
import { setupGateway } from '../support/gateway';
import { unique } from '../support/http';

/** The env with D1 and the balancer wrapped to count what a request touches. */
function countingEnv() {
  const counts = { d1: 0, plan: 0 };
  const db = new Proxy(env.DB, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (prop === 'prepare' || prop === 'batch' || prop === 'exec') counts.d1++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const balancer = {
    idFromName: (name: string) => env.BALANCER.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = env.BALANCER.get(id);
      return {
        sync: (outcomes: Parameters<typeof stub.sync>[0]) => {
          if (outcomes.length === 0) counts.plan++;
          return stub.sync(outcomes);
        },
        snapshot: () => stub.snapshot(),
      };
    },
  };
  return { counts, env: { ...env, DB: db, BALANCER: balancer, CONFIG_CACHE_TTL_MS: '60000' } };
}

async function send(testEnv: Record<string, unknown>, model: string, key: string, prompt: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request('http://gateway.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: prompt }] }),
    }),
    testEnv,
    ctx,
  );
  await res.text();
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe('the response cache on the hot path', () => {
  it('costs a model without caching no cache lookup and no hashing of the body', async () => {
    // Two links, so the balancer is asked as well (one link skips it).
    const g = await setupGateway([{}, {}]);
    const { env: testEnv } = countingEnv();
    await send(testEnv, g.model, g.key, 'warm');
    const open = vi.spyOn(caches, 'open');
    const digest = vi.spyOn(crypto.subtle, 'digest');
    const res = await send(testEnv, g.model, g.key, unique('off'));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-gateway-cache')).toBeNull();
    expect(open).not.toHaveBeenCalled();
    expect(digest).not.toHaveBeenCalled();
  });

  it('answers a HIT with no D1 query and no balancer call', async () => {
    const g = await setupGateway([{}, {}], { cache_ttl_seconds: 600 });
    const { counts, env: testEnv } = countingEnv();
    const prompt = unique('hot hit');
    await send(testEnv, g.model, g.key, prompt);
    // A new balancer binding is an isolate whose replica is cold: planning would have to sync first.
    const cold = countingEnv();
    const hitEnv = { ...testEnv, BALANCER: cold.env.BALANCER };
    counts.d1 = 0;
    const res = await send(hitEnv, g.model, g.key, prompt);
    expect(res.headers.get('x-gateway-cache')).toBe('HIT');
    expect(cold.counts.plan).toBe(0);
    const miss = await send(hitEnv, g.model, g.key, unique('hot miss'));
    expect(miss.headers.get('x-gateway-cache')).toBe('MISS');
    expect(cold.counts.plan).toBe(1);
    // Only the log consumer's writes, which the queue runs outside this request, could touch D1.
    expect(counts.d1).toBe(0);
  });
});
