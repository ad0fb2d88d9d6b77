import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app';
import type { SyncInput } from '../../../worker/inflight/schemas';
import { queueFaults, setupGateway } from '../support/gateway';

/** The IN_FLIGHT binding, counting the syncs this isolate's tracker sends (a fresh tracker per wrapper). */
function countingEnv() {
  const syncs: SyncInput[] = [];
  const ns = env.IN_FLIGHT!;
  const binding = {
    idFromName: (name: string) => ns.idFromName(name),
    get: (id: DurableObjectId) => {
      const stub = ns.get(id);
      return {
        sync: (input: SyncInput) => {
          syncs.push(input);
          return stub.sync(input);
        },
        list: () => stub.list(),
        cancel: (t: string, r: string) => stub.cancel(t, r),
      };
    },
  };
  return { syncs, env: { ...env, IN_FLIGHT: binding, INFLIGHT_SYNC_MS: '100' } };
}

async function send(testEnv: Record<string, unknown>, model: string, key: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request('http://gateway.test/v1/chat/completions', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] }),
    }),
    testEnv,
    ctx,
  );
  await res.text();
  await waitOnExecutionContext(ctx);
  return res;
}

describe('the in-flight registry on the hot path', () => {
  it('costs a fast request no Durable Object call at all', async () => {
    const g = await setupGateway([{}]);
    const counting = countingEnv();
    for (let i = 0; i < 5; i++) expect((await send(counting.env, g.model, g.key)).status).toBe(200);
    expect(counting.syncs).toEqual([]);
  });

  it('syncs once per interval per isolate, however many requests run, and reports their end', async () => {
    const g = await setupGateway([{}]);
    const provider = g.providers[0]!.name;
    await queueFaults(
      provider,
      Array.from({ length: 8 }, () => ({ delayMs: 600 })),
    );
    const counting = countingEnv();
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 8 }, () => send(counting.env, g.model, g.key)));
    const elapsed = Date.now() - started;
    expect(results.every((r) => r.status === 200)).toBe(true);
    // Eight concurrent requests, one isolate: about one sync per 100 ms, not one per request per tick.
    expect(counting.syncs.length).toBeGreaterThanOrEqual(2);
    expect(counting.syncs.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 2);
    const added = new Set(counting.syncs.flatMap((s) => s.added.map((e) => e.trace_id)));
    const removed = new Set(counting.syncs.flatMap((s) => s.removed));
    expect(added.size).toBe(8);
    expect(removed).toEqual(added);
    expect(counting.syncs[0]?.full).toBe(true);
  });
});
