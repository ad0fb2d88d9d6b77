import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BalancerBinding, exchange, planAttempts, reportOutcomes } from '../../worker/balancer/client';
import type { ModelBalancer } from '../../worker/balancer/durable-object';
import type { AttemptOutcome } from '../../worker/balancer/health';
import type { PlanRequest } from '../../worker/balancer/schemas';

const T0 = 1_700_000_000_000;
const WINDOW_MS = 600_000;
const PROBE_MS = 30_000;
const SYNC_MS = 1000;
/** Generous, so the tests that are not about the deadline never fall back on a slow machine. */
const PATIENT = { deadlineMs: 10_000 };

const links = (...weights: number[]): PlanRequest => ({
  strategy: 'round_robin',
  candidates: weights.map((weight, i) => ({ id: i + 1, weight, priority: 0, pausedUntil: null })),
});

let counter = 0;
const freshModel = (name: string) => `${name}-${Date.now()}-${counter++}`;
// The binding is typed by the RPC interface; these tests reach into the class itself.
const balancers = env.BALANCER as unknown as DurableObjectNamespace<ModelBalancer>;
const stubFor = (model: string) => balancers.get(balancers.idFromName(model));

/** Gives the model's balancer a clock the test controls; returns the setter. */
async function controlClock(model: string) {
  let now = T0;
  await runInDurableObject(stubFor(model), (instance: ModelBalancer) => {
    instance.clock = () => now;
  });
  return (t: number) => {
    now = t;
  };
}

/**
 * One simulated isolate: its own binding object (replicas are kept per binding, as per isolate),
 * its own clock, a count of its calls to the object, and the background work it handed to waitUntil.
 */
function isolate(start = Date.now()) {
  let now = start;
  const calls = { sync: 0 };
  const background: Promise<unknown>[] = [];
  let down = false;
  const binding: BalancerBinding = {
    idFromName: (name) => env.BALANCER.idFromName(name),
    get: (id) => ({
      sync: (outcomes: AttemptOutcome[]) => {
        calls.sync++;
        if (down) return Promise.reject(new Error('object unavailable'));
        return env.BALANCER.get(id).sync(outcomes);
      },
    }),
  };
  const options = {
    ...PATIENT,
    syncMs: SYNC_MS,
    clock: () => now,
    waitUntil: (p: Promise<unknown>) => background.push(p),
  };
  return {
    calls,
    env: { BALANCER: binding },
    plan: (model: string, request: PlanRequest) =>
      planAttempts({ BALANCER: binding }, model, request, options),
    advance: (ms: number) => {
      now += ms;
    },
    settle: async () => {
      await Promise.all(background.splice(0));
    },
    setDown: (value: boolean) => {
      down = value;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ModelBalancer (the shared health every replica syncs from)', () => {
  it('keeps health across eviction', async () => {
    const model = freshModel('evict');
    await reportOutcomes(env, model, [{ linkId: 2, status: 500 }]);
    await evictDurableObject(stubFor(model));
    const snapshot = await stubFor(model).snapshot();
    expect(snapshot.links).toEqual([expect.objectContaining({ linkId: 2, sampleCount: 1, failureCount: 1 })]);
  });

  it('grants one half-open probe per interval to one caller, and re-admits the link after it succeeds', async () => {
    const model = freshModel('probe');
    const at = await controlClock(model);
    const degraded = await stubFor(model).sync(Array.from({ length: 6 }, () => ({ linkId: 1, status: 503 })));
    expect(degraded).toEqual({
      links: [{ linkId: 1, degraded: true, failureRate: 1, cooldownUntil: null }],
      probe: null,
    });
    at(T0 + PROBE_MS);
    const grants = await Promise.all(Array.from({ length: 8 }, () => stubFor(model).sync([])));
    expect(grants.filter((g) => g.probe === 1)).toHaveLength(1);
    const after = await stubFor(model).sync([{ linkId: 1, status: 200, probe: true }]);
    expect(after).toEqual({ links: [], probe: null });
    expect((await stubFor(model).snapshot()).links).toEqual([]);
  });

  it('re-admits a degraded link once its window has passed, and sweeps it in its alarm', async () => {
    const model = freshModel('window');
    const at = await controlClock(model);
    await stubFor(model).sync(Array.from({ length: 6 }, () => ({ linkId: 1, status: 500 })));
    const stored = () =>
      runInDurableObject(stubFor(model), (_i: ModelBalancer, state) => [...state.storage.kv.list()]);
    expect((await stored()).map(([key]) => key)).toEqual(['link:1']);
    at(T0 + WINDOW_MS + 60_000);
    expect(await stubFor(model).sync([])).toEqual({ links: [], probe: null });
    expect(await runDurableObjectAlarm(stubFor(model))).toBe(true);
    expect(await stored()).toEqual([]);
  });

  it('resets one link on request', async () => {
    const model = freshModel('reset');
    await reportOutcomes(
      env,
      model,
      Array.from({ length: 6 }, () => ({ linkId: 1, status: 500 })),
    );
    await stubFor(model).reset(1);
    expect((await stubFor(model).snapshot()).links).toEqual([]);
  });

  it('refuses malformed outcomes without touching its state', async () => {
    const model = freshModel('bad');
    const bad = [{ linkId: -1, status: 500 }] as unknown as AttemptOutcome[];
    await expect(exchange({ BALANCER: env.BALANCER }, model, bad)).rejects.toThrow(/invalid outcomes/);
    expect((await stubFor(model).snapshot()).links).toEqual([]);
  });
});

describe('planning from isolate replicas', () => {
  it('splits 1,000 requests over 4 isolates within ±5 % of weights 5:3:2', async () => {
    const model = freshModel('fair');
    const isolates = [0, 1, 2, 3].map(() => isolate());
    const firsts: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const plan = await isolates[i % 4]!.plan(model, links(5, 3, 2));
      expect(plan.fallback).toBe(false);
      firsts.push(plan.order[0]!);
    }
    const share = (id: number) => firsts.filter((f) => f === id).length / firsts.length;
    expect(Math.abs(share(1) - 0.5)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(share(2) - 0.3)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(share(3) - 0.2)).toBeLessThanOrEqual(0.05);
  });

  it('makes no Durable Object call for a warm request: one sync when cold, then one per interval in the background', async () => {
    const model = freshModel('warm');
    const one = isolate();
    await one.plan(model, links(1, 1));
    expect(one.calls.sync).toBe(1);
    for (let i = 0; i < 50; i++) await one.plan(model, links(1, 1));
    expect(one.calls.sync).toBe(1);
    one.advance(SYNC_MS);
    const stale = await one.plan(model, links(1, 1));
    expect(stale.fallback).toBe(false);
    expect(one.calls.sync).toBe(2);
    await one.settle();
    for (let i = 0; i < 50; i++) await one.plan(model, links(1, 1));
    expect(one.calls.sync).toBe(2);
  });

  it('moves every isolate off a degraded link within one sync interval of the report', async () => {
    const model = freshModel('spread');
    const isolates = [0, 1, 2, 3].map(() => isolate());
    for (const i of isolates) await i.plan(model, links(1, 1));
    // One isolate reports the failures (its report-buffer flush); the others hear at their next sync.
    await reportOutcomes(
      isolates[0]!.env,
      model,
      Array.from({ length: 6 }, () => ({ linkId: 1, status: 502 })),
    );
    for (const i of isolates) {
      i.advance(SYNC_MS);
      await i.plan(model, links(1, 1)); // finds the replica stale: refreshes in the background
      await i.settle();
      for (let n = 0; n < 4; n++) expect((await i.plan(model, links(1, 1))).order).toEqual([2, 1]);
    }
  });

  it('with the object unavailable, rotates and keeps the health it last heard', async () => {
    const model = freshModel('down');
    const one = isolate();
    await one.plan(model, links(1, 1, 1));
    await reportOutcomes(
      one.env,
      model,
      Array.from({ length: 6 }, () => ({ linkId: 3, status: 500 })),
    );
    one.setDown(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const firsts: number[] = [];
    for (let n = 0; n < 6; n++) {
      one.advance(SYNC_MS);
      const plan = await one.plan(model, links(1, 1, 1));
      await one.settle();
      expect(plan.order.at(-1)).toBe(3);
      firsts.push(plan.order[0]!);
    }
    expect(new Set(firsts)).toEqual(new Set([1, 2]));
    expect(warn).toHaveBeenCalledWith('balancer: sync failed', expect.objectContaining({ model }));
  });

  it('waits for its first sync at most the deadline, then plans without shared health', async () => {
    const model = freshModel('slow');
    await stubFor(model).sync([]);
    const busy = runInDurableObject(stubFor(model), (_instance: ModelBalancer, state) =>
      state.blockConcurrencyWhile(() => new Promise((resolve) => setTimeout(resolve, 300))),
    );
    const plan = await planAttempts(isolate().env, model, links(3, 1), { deadlineMs: 50 });
    await busy;
    expect(plan).toMatchObject({ fallback: true, reason: 'balancer did not answer within 50 ms' });
    expect([...plan.order].sort()).toEqual([1, 2]);
  });

  it('fails open on a binding that throws, never answers, or answers something malformed', async () => {
    const never: BalancerBinding = {
      idFromName: (name) => env.BALANCER.idFromName(name),
      get: () => ({ sync: () => new Promise(() => {}) }),
    };
    const hung = await planAttempts({ BALANCER: never }, 'm', links(3, 1), { deadlineMs: 20 });
    expect(hung).toMatchObject({ probe: null, fallback: true });

    const broken: BalancerBinding = {
      idFromName: () => {
        throw new Error('namespace unavailable');
      },
      get: () => ({ sync: async () => ({ links: [], probe: null }) }),
    };
    const failed = await planAttempts({ BALANCER: broken }, 'm', links(3, 1));
    expect(failed).toMatchObject({ fallback: true, reason: 'balancer failed: namespace unavailable' });

    const wrong = {
      idFromName: (name: string) => env.BALANCER.idFromName(name),
      get: () => ({ sync: async () => ({ links: [{ linkId: 'x' }], probe: null }) }),
    } as unknown as BalancerBinding;
    await expect(exchange({ BALANCER: wrong }, 'm', [])).rejects.toThrow(/malformed/);
    const plan = await planAttempts({ BALANCER: wrong }, 'm', links(1, 1));
    expect(plan).toMatchObject({
      fallback: true,
      reason: 'balancer failed: balancer returned a malformed sync',
    });
  });

  it('does not call the balancer when there is nothing to balance', async () => {
    const untouchable: BalancerBinding = {
      idFromName: () => {
        throw new Error('should not be called');
      },
      get: () => {
        throw new Error('should not be called');
      },
    };
    const one: PlanRequest = { strategy: 'priority', candidates: [links(1).candidates[0]!] };
    expect(await planAttempts({ BALANCER: untouchable }, 'm', one)).toEqual({
      order: [1],
      probe: null,
      fallback: false,
    });
  });

  it('logs a failed report instead of throwing', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const broken: BalancerBinding = {
      idFromName: (name) => env.BALANCER.idFromName(name),
      get: () => ({
        sync: async () => {
          throw new Error('object reset');
        },
      }),
    };
    await expect(
      reportOutcomes({ BALANCER: broken }, 'm', [{ linkId: 1, status: 500 }]),
    ).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(
      'balancer: report failed',
      expect.objectContaining({ error: 'object reset' }),
    );
  });
});
