import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app';
import { limiterClient } from '../../../worker/limits/client';
import { setupGateway } from '../support/gateway';
import { limitedKey } from '../support/limits';

type Binding = NonNullable<typeof env.LIMITER>;

/** The LIMITER binding as a new "isolate" sees it, counting every call (and optionally broken). */
function wrapped(mode: 'real' | 'throws' | 'hangs' = 'real') {
  const calls: string[] = [];
  const ns = env.LIMITER as Binding;
  const binding = {
    idFromName: (name: string) => {
      calls.push(`id:${name}`);
      return ns.idFromName(name);
    },
    get: (id: DurableObjectId) => {
      const stub = ns.get(id);
      return {
        sync: (input: Parameters<typeof stub.sync>[0]) => {
          calls.push('sync');
          if (mode === 'throws') return Promise.reject(new Error('limiter down'));
          if (mode === 'hangs') return new Promise<never>(() => {});
          return stub.sync(input);
        },
        settle: (items: Parameters<typeof stub.settle>[0]) => stub.settle(items),
        usage: (l: Parameters<typeof stub.usage>[0]) => stub.usage(l),
      };
    },
  };
  return { calls, binding };
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
  const text = await res.text();
  return { res, text, done: waitOnExecutionContext(ctx) };
}

describe('governance on the hot path', () => {
  it('costs a key without limits no limiter call at all', async () => {
    const g = await setupGateway([{}]);
    const counting = wrapped();
    const testEnv = { ...env, LIMITER: counting.binding };
    for (let i = 0; i < 5; i++) {
      const { res, done } = await send(testEnv, g.model, g.key);
      expect(res.status).toBe(200);
      await done;
    }
    expect(counting.calls).toEqual([]);
  });

  it('decides a warm limited request from memory: only the cold one waits for the limiter', async () => {
    const g = await setupGateway([{}]);
    const { key } = await limitedKey({ rpm_limit: 100_000, concurrency_limit: 50 });
    const counting = wrapped();
    const testEnv = { ...env, LIMITER: counting.binding };
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      const { res, done } = await send(testEnv, g.model, key);
      expect(res.status).toBe(200);
      pending.push(done);
      // A steady pace (50 requests/s): background refreshes land between requests.
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(pending);
    const stats = limiterClient(counting.binding, { deadlineMs: 1 }).stats;
    console.log(
      `30 warm requests: ${stats.waited} waited for the limiter, ${stats.background} background syncs`,
    );
    expect(stats.waited).toBe(1);
    expect(stats.background).toBeLessThan(15);
  }, 30_000);
});

describe('LIMITS_FAIL_MODE when the limiter cannot be asked', () => {
  it('by default admits rate-limited requests and refuses budgeted ones with 503', async () => {
    const g = await setupGateway([{}], { input_price: 1, output_price: 1 });
    const rate = await limitedKey({ rpm_limit: 10 });
    const budget = await limitedKey({ budget_usd: 10 });
    const down = { ...env, LIMITER: wrapped('throws').binding };
    expect((await send(down, g.model, rate.key)).res.status).toBe(200);
    const refused = await send(down, g.model, budget.key);
    expect(refused.res.status).toBe(503);
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'limiter_unavailable' } });
    expect(refused.res.headers.get('retry-after')).toBe('1');
  });

  it('admits both when open, refuses both when closed', async () => {
    const g = await setupGateway([{}], { input_price: 1, output_price: 1 });
    const rate = await limitedKey({ rpm_limit: 10 });
    const budget = await limitedKey({ budget_usd: 10 });
    const open = { ...env, LIMITER: wrapped('throws').binding, LIMITS_FAIL_MODE: 'open' };
    expect((await send(open, g.model, budget.key)).res.status).toBe(200);
    const closed = { ...env, LIMITER: wrapped('throws').binding, LIMITS_FAIL_MODE: 'closed' };
    expect((await send(closed, g.model, rate.key)).res.status).toBe(503);
  });

  it('gives a limiter that does not answer LIMITS_DEADLINE_MS, then applies the fail mode', async () => {
    const g = await setupGateway([{}]);
    const rate = await limitedKey({ rpm_limit: 10 });
    const slow = { ...env, LIMITER: wrapped('hangs').binding, LIMITS_DEADLINE_MS: '50' };
    const started = Date.now();
    const { res } = await send(slow, g.model, rate.key);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
