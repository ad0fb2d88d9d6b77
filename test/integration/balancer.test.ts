import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type BalancerBinding, planAttempts, reportOutcomes } from '../../worker/balancer/client';
import type { ModelBalancer } from '../../worker/balancer/durable-object';
import type { PlanRequest } from '../../worker/balancer/schemas';

const T0 = 1_700_000_000_000;
const WINDOW_MS = 600_000;
const PROBE_MS = 30_000;
/** Generous, so the tests that are not about the deadline never fall back on a slow machine. */
const PATIENT = { deadlineMs: 10_000 };

const twoLinks = (wA = 1, wB = 1): PlanRequest => ({
  strategy: 'round_robin',
  candidates: [
    { id: 1, weight: wA, priority: 0, pausedUntil: null },
    { id: 2, weight: wB, priority: 0, pausedUntil: null },
  ],
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

function tally(ids: Array<number | undefined>): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const id of ids) if (id !== undefined) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ModelBalancer', () => {
  it('splits 400 concurrent plans from independent clients exactly 300/100 at weights 3:1', async () => {
    const model = freshModel('split');
    const plans = await Promise.all(
      Array.from({ length: 400 }, () => planAttempts(env, model, twoLinks(3, 1), PATIENT)),
    );
    expect(plans.filter((p) => p.fallback)).toEqual([]);
    const counts = tally(plans.map((p) => p.order[0]));
    expect(Math.abs((counts[1] ?? 0) - 300)).toBeLessThanOrEqual(1);
    expect(Math.abs((counts[2] ?? 0) - 100)).toBeLessThanOrEqual(1);
  });

  it('keeps its rotation and health across eviction', async () => {
    const model = freshModel('evict');
    const firsts = [];
    for (let i = 0; i < 2; i++)
      firsts.push((await planAttempts(env, model, twoLinks(3, 1), PATIENT)).order[0]);
    await reportOutcomes(env, model, [{ linkId: 2, status: 500 }]);
    expect(firsts).toEqual([1, 1]);

    await evictDurableObject(stubFor(model));

    expect((await planAttempts(env, model, twoLinks(3, 1), PATIENT)).order[0]).toBe(2);
    const snapshot = await stubFor(model).snapshot();
    expect(snapshot.links).toEqual([expect.objectContaining({ linkId: 2, sampleCount: 1, failureCount: 1 })]);
  });

  it('orders a link that failed 6 times last, probes it, and re-admits it after a successful probe', async () => {
    const model = freshModel('probe');
    const at = await controlClock(model);
    await reportOutcomes(
      env,
      model,
      Array.from({ length: 6 }, () => ({ linkId: 1, status: 503 })),
    );

    for (let i = 0; i < 3; i++)
      expect((await planAttempts(env, model, twoLinks(), PATIENT)).order).toEqual([2, 1]);
    const detail = await stubFor(model).snapshot();
    expect(detail.links[0]).toMatchObject({ linkId: 1, degraded: true, sampleCount: 6, failureRate: 1 });

    at(T0 + PROBE_MS);
    const probe = await planAttempts(env, model, twoLinks(), PATIENT);
    expect(probe).toMatchObject({ order: [1, 2], probe: 1, fallback: false });
    expect((await planAttempts(env, model, twoLinks(), PATIENT)).order).toEqual([2, 1]);

    await reportOutcomes(env, model, [{ linkId: 1, status: 200, probe: true }]);
    const firsts = [];
    for (let i = 0; i < 4; i++) firsts.push((await planAttempts(env, model, twoLinks(), PATIENT)).order[0]);
    expect(tally(firsts)).toEqual({ 1: 2, 2: 2 });
    expect((await stubFor(model).snapshot()).links).toEqual([]);
  });

  it('keeps a link degraded after a failed probe, and re-admits it once its window has passed', async () => {
    const model = freshModel('window');
    const at = await controlClock(model);
    await reportOutcomes(
      env,
      model,
      Array.from({ length: 6 }, () => ({ linkId: 1, status: 500 })),
    );

    at(T0 + PROBE_MS);
    expect((await planAttempts(env, model, twoLinks(), PATIENT)).probe).toBe(1);
    await reportOutcomes(env, model, [{ linkId: 1, status: 502, probe: true }]);
    expect((await planAttempts(env, model, twoLinks(), PATIENT)).order).toEqual([2, 1]);

    at(T0 + PROBE_MS + WINDOW_MS + 60_000);
    const plan = await planAttempts(env, model, twoLinks(), PATIENT);
    expect(plan.probe).toBeNull();
    expect((await stubFor(model).snapshot()).links).toEqual([]);
  });

  it('puts a link answering 429 with Retry-After behind healthy ones until the cooldown ends', async () => {
    const model = freshModel('cooldown');
    const at = await controlClock(model);
    await reportOutcomes(env, model, [{ linkId: 1, status: 429, retryAfterMs: 20_000 }]);

    for (let i = 0; i < 3; i++)
      expect((await planAttempts(env, model, twoLinks(), PATIENT)).order).toEqual([2, 1]);
    expect((await stubFor(model).snapshot()).links[0]).toMatchObject({
      linkId: 1,
      cooldownUntil: T0 + 20_000,
    });

    at(T0 + 20_000);
    const firsts = [];
    for (let i = 0; i < 4; i++) firsts.push((await planAttempts(env, model, twoLinks(), PATIENT)).order[0]);
    expect(tally(firsts)).toEqual({ 1: 2, 2: 2 });
  });

  it('sweeps expired state in its alarm and leaves no storage behind', async () => {
    const model = freshModel('sweep');
    const at = await controlClock(model);
    await reportOutcomes(
      env,
      model,
      Array.from({ length: 3 }, () => ({ linkId: 1, status: 500 })),
    );
    const stored = () =>
      runInDurableObject(stubFor(model), (_i: ModelBalancer, state) => [...state.storage.kv.list()]);
    expect((await stored()).map(([key]) => key)).toEqual(['link:1']);

    at(T0 + WINDOW_MS + 60_000);
    expect(await runDurableObjectAlarm(stubFor(model))).toBe(true);
    expect(await stored()).toEqual([]);
    expect((await stubFor(model).snapshot()).links).toEqual([]);
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
});

describe('planAttempts fails open', () => {
  it('plans statically when the Durable Object throws', async () => {
    const bogus = { strategy: 'fastest', candidates: twoLinks().candidates } as unknown as PlanRequest;
    const plan = await planAttempts(env, freshModel('throws'), bogus, PATIENT);
    expect(plan.fallback).toBe(true);
    expect(plan.reason).toMatch(/^balancer failed: invalid plan request: strategy: /);
    expect([...plan.order].sort()).toEqual([1, 2]);
  });

  it('plans statically when the Durable Object is slower than the deadline', async () => {
    const model = freshModel('slow');
    await planAttempts(env, model, twoLinks(), PATIENT);
    const busy = runInDurableObject(stubFor(model), (_instance: ModelBalancer, state) =>
      state.blockConcurrencyWhile(() => new Promise((resolve) => setTimeout(resolve, 300))),
    );
    const plan = await planAttempts(env, model, twoLinks(3, 1), { deadlineMs: 50 });
    await busy;
    expect(plan).toMatchObject({
      order: [1, 2],
      fallback: true,
      reason: 'balancer did not answer within 50 ms',
    });
  });

  it('plans statically when a binding never answers or throws outright', async () => {
    const never: BalancerBinding = {
      idFromName: (name) => env.BALANCER.idFromName(name),
      get: () => ({ plan: () => new Promise(() => {}), report: async () => {} }),
    };
    const hung = await planAttempts({ BALANCER: never }, 'm', twoLinks(3, 1), { deadlineMs: 20 });
    expect(hung).toMatchObject({ order: [1, 2], probe: null, fallback: true });

    const broken: BalancerBinding = {
      idFromName: () => {
        throw new Error('namespace unavailable');
      },
      get: () => ({ plan: async () => ({ order: [], probe: null }), report: async () => {} }),
    };
    const failed = await planAttempts({ BALANCER: broken }, 'm', twoLinks(3, 1));
    expect(failed).toMatchObject({ fallback: true, reason: 'balancer failed: namespace unavailable' });
  });

  it('rejects an answer that is not an ordering of the candidates', async () => {
    const wrong: BalancerBinding = {
      idFromName: (name) => env.BALANCER.idFromName(name),
      get: () => ({ plan: async () => ({ order: [1, 1], probe: null }), report: async () => {} }),
    };
    const plan = await planAttempts({ BALANCER: wrong }, 'm', twoLinks());
    expect(plan).toMatchObject({ fallback: true, reason: 'balancer returned an invalid order' });
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
    const one: PlanRequest = { strategy: 'priority', candidates: [twoLinks().candidates[0]!] };
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
        plan: async () => ({ order: [], probe: null }),
        report: async () => {
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
