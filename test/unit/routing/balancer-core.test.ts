import { describe, expect, it } from 'vitest';
import { memoryBalancer, noopBalancer, staticPlan } from '../../../worker/balancer/client';
import { bucketWidth, DEFAULT_HEALTH_CONFIG as cfg } from '../../../worker/balancer/health';
import type { PlanRequest } from '../../../worker/balancer/schemas';
import { BalancerCore, CURSOR_TTL_MS } from '../../../worker/balancer/state';

const T0 = 1_700_000_000_000;
const request: PlanRequest = {
  strategy: 'round_robin',
  candidates: [
    { id: 1, weight: 1, priority: 0, pausedUntil: null },
    { id: 2, weight: 1, priority: 0, pausedUntil: null },
  ],
};

function fixture() {
  let now = T0;
  const core = new BalancerCore(cfg);
  return {
    core,
    at: (t: number) => {
      now = t;
    },
    plan: () => core.plan(request, now),
    fail: (linkId: number, times: number, status = 500) =>
      core.report(
        Array.from({ length: times }, () => ({ linkId, status })),
        now,
      ),
  };
}

describe('balancer state machine', () => {
  it('orders a link that failed 6 times last, probes it after 30 s, and re-admits it on success', () => {
    const f = fixture();
    f.fail(1, 6);
    expect(f.plan().order).toEqual([2, 1]);
    expect(f.core.snapshot(T0).links[0]).toMatchObject({
      linkId: 1,
      degraded: true,
      sampleCount: 6,
      failureCount: 6,
    });

    f.at(T0 + cfg.probeIntervalMs);
    const probe = f.plan();
    expect(probe).toEqual({ order: [1, 2], probe: 1 });
    // Only one probe per interval, however many requests arrive meanwhile.
    expect(f.plan()).toEqual({ order: [2, 1], probe: null });

    f.core.report([{ linkId: 1, status: 200, probe: true }], T0 + cfg.probeIntervalMs + 100);
    expect(f.core.snapshot(T0 + cfg.probeIntervalMs + 100).links).toEqual([]);
    const after = [f.plan(), f.plan()].map((p) => p.order[0]);
    expect(after.sort()).toEqual([1, 2]);
  });

  it('re-admits a degraded link once its samples leave the window', () => {
    const f = fixture();
    f.fail(1, 6);
    f.at(T0 + cfg.windowMs + bucketWidth(cfg));
    expect(f.plan().probe).toBeNull();
    expect(f.core.snapshot(T0 + cfg.windowMs + bucketWidth(cfg)).links[0]?.degraded ?? false).toBe(false);
  });

  it('cools a link down after a 429 with Retry-After, then lets it back', () => {
    const f = fixture();
    f.core.report([{ linkId: 1, status: 429, retryAfterMs: 20_000 }], T0);
    expect(f.plan().order).toEqual([2, 1]);
    expect(f.plan().order).toEqual([2, 1]);
    expect(f.core.snapshot(T0).links[0]).toMatchObject({
      linkId: 1,
      cooldownUntil: T0 + 20_000,
      degraded: false,
    });
    f.at(T0 + 20_000);
    expect(new Set([f.plan().order[0], f.plan().order[0]])).toEqual(new Set([1, 2]));
  });

  it('resets one link or everything', () => {
    const f = fixture();
    f.fail(1, 6);
    f.fail(2, 6);
    f.core.reset(1);
    expect(f.core.snapshot(T0).links.map((l) => l.linkId)).toEqual([2]);
    f.core.reset(undefined);
    expect(f.core.isEmpty).toBe(true);
  });

  it('sweeps expired health and idle cursors, and reports what to delete', () => {
    const f = fixture();
    f.plan();
    f.fail(1, 2);
    const changes = f.core.sweep(T0 + CURSOR_TTL_MS + 1);
    expect([...changes.deletes].sort()).toEqual(['cursor:healthy/rr', 'link:1']);
    expect(f.core.isEmpty).toBe(true);
  });

  it('restores its state from storage entries and skips values of an unknown shape', () => {
    const f = fixture();
    f.plan();
    const changes = f.core.report([{ linkId: 1, status: 500 }], T0);
    const restored = new BalancerCore(cfg);
    restored.load([
      ...changes.puts,
      ['cursor:healthy/rr', { usedAt: T0, current: { 1: -1, 2: 1 } }],
      ['link:x', 5],
    ]);
    expect(restored.snapshot(T0).links).toHaveLength(1);
    expect(restored.plan(request, T0).order[0]).toBe(2);
  });
});

describe('balancer implementations', () => {
  it('the memory balancer rotates like the Durable Object', async () => {
    const balancer = memoryBalancer(cfg, () => T0);
    const firsts = [];
    for (let i = 0; i < 4; i++) firsts.push((await balancer.plan('m', request)).order[0]);
    expect(firsts).toEqual([1, 2, 1, 2]);
  });

  it('the no-op balancer and the static plan always give the same order', async () => {
    const a = await noopBalancer.plan('m', request);
    const b = await noopBalancer.plan('m', request);
    expect(a).toEqual({ order: [1, 2], probe: null, fallback: false });
    expect(b.order).toEqual(a.order);
    expect(staticPlan(request).order).toEqual([1, 2]);
    await expect(noopBalancer.report('m', [{ linkId: 1, status: 500 }])).resolves.toBeUndefined();
  });
});
