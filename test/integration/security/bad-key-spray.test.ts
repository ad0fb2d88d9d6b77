// Finding 11 of the security probe: a spray of bad gateway keys is negatively cached and slowed down.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/app';
import { FREE_FAILURES, failureDelay, MAX_DELAY_MS } from '../../../worker/middleware/auth-slowdown';
import { setupGateway } from '../support/gateway';

/** The test env with D1 calls counted and a long cache TTL, as a deployed isolate has. */
function countingEnv() {
  const counts = { d1: 0 };
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
  return { counts, env: { ...env, DB: db, CONFIG_CACHE_TTL_MS: '60000' } };
}

async function send(testEnv: Record<string, unknown>, key: string, ip: string) {
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request('http://gateway.test/v1/models', {
      headers: { authorization: `Bearer ${key}`, 'cf-connecting-ip': ip },
    }),
    testEnv,
    ctx,
  );
  await res.text();
  await waitOnExecutionContext(ctx);
  return res.status;
}

describe('finding 11: bad-key sprays do not reach D1 each time and get slower', () => {
  it('costs at most a version check per second for 100 random keys, not 2 queries each', {
    timeout: 30_000,
  }, async () => {
    const g = await setupGateway([{}]);
    const { counts, env: testEnv } = countingEnv();
    expect(await send(testEnv, g.key, '198.51.100.1')).toBe(200);
    counts.d1 = 0;
    for (let i = 0; i < 100; i++) {
      const key = `lgw-${crypto.randomUUID().replaceAll('-', '')}`;
      expect(await send(testEnv, key, `198.51.100.${(i % 200) + 2}`)).toBe(401);
    }
    // Each unknown key is looked up once (it is new), and the version re-check is shared.
    expect(counts.d1).toBeLessThanOrEqual(100 + 5);
    counts.d1 = 0;
    // The same bad keys again: answered from the negative cache.
    const repeat = `lgw-${'0'.repeat(32)}`;
    await send(testEnv, repeat, '198.51.100.250');
    counts.d1 = 0;
    const started = Date.now();
    for (let i = 0; i < 50; i++) await send(testEnv, repeat, `203.0.113.${i + 1}`);
    // At most one version re-check per second of the loop, and never the key query again.
    expect(counts.d1).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - started) / 1000));
  });

  it('holds the refusals of an IP that keeps failing, up to two seconds; others are not slowed', () => {
    const now = 1_700_000_000_000;
    const delays = Array.from({ length: FREE_FAILURES + 60 }, () => failureDelay('192.0.2.7', now));
    expect(delays.slice(0, FREE_FAILURES).every((d) => d === 0)).toBe(true);
    expect(delays[FREE_FAILURES]).toBeGreaterThan(0);
    expect(delays.at(-1)).toBe(MAX_DELAY_MS);
    expect(failureDelay('192.0.2.8', now)).toBe(0);
    // A minute later the window starts again.
    expect(failureDelay('192.0.2.7', now + 61_000)).toBe(0);
  });
});
