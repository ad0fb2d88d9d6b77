import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app';
import { setupGateway } from '../support/gateway';

/** Wraps the D1 and balancer bindings to count what one request touches. */
function countingEnv() {
  const counts = { d1: 0, plan: 0, report: 0 };
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
          else counts.report++;
          return stub.sync(outcomes);
        },
        snapshot: () => stub.snapshot(),
      };
    },
  };
  return { counts, env: { ...env, DB: db, BALANCER: balancer, CONFIG_CACHE_TTL_MS: '60000' } };
}

async function send(testEnv: Record<string, unknown>, model: string, key: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request('http://gateway.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hot path' }] }),
    }),
    testEnv,
    ctx,
  );
  return { res, ctx };
}

describe('the hot path once the config cache is warm', () => {
  it('makes no balancer call and no D1 query per warm request', async () => {
    const g = await setupGateway([{ weight: 2 }, { weight: 1 }]);
    const { counts, env: testEnv } = countingEnv();
    const warm = await send(testEnv, g.model, g.key);
    expect(warm.res.status).toBe(200);
    await warm.res.text();
    await waitOnExecutionContext(warm.ctx);

    counts.d1 = 0;
    counts.plan = 0;
    const { res, ctx } = await send(testEnv, g.model, g.key);
    expect(res.status).toBe(200);
    expect(counts.d1).toBe(0);
    // The isolate's replica was synced by the first request: planning makes no round trip.
    expect(counts.plan).toBe(0);
    await res.text();
    await waitOnExecutionContext(ctx);
    // Outcomes are reported after the response, inside waitUntil: still nothing from D1.
    expect(counts.report).toBeGreaterThanOrEqual(1);
    expect(counts.d1).toBe(0);
  });
});
