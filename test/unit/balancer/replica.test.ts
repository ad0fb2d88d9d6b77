import { describe, expect, it } from 'vitest';
import { DEFAULT_HEALTH_CONFIG as cfg } from '../../../worker/balancer/health';
import { BalancerReplica } from '../../../worker/balancer/replica';
import type { PlanRequest } from '../../../worker/balancer/schemas';

const T0 = 1_700_000_000_000;

const links = (strategy: PlanRequest['strategy'], ...weights: number[]): PlanRequest => ({
  strategy,
  candidates: weights.map((weight, i) => ({ id: i + 1, weight, priority: i, pausedUntil: null })),
});

/** A deterministic random source (the replica's random phase and weighted draws). */
function seeded(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function shares(firsts: number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const id of firsts) out[id] = (out[id] ?? 0) + 1 / firsts.length;
  return out;
}

describe('an isolate replica of the balancer', () => {
  it('keeps weighted round-robin within ±5 % of the weights across 4 replicas and 1,000 requests', () => {
    const request = links('round_robin', 5, 3, 2);
    const replicas = [1, 2, 3, 4].map((seed) => new BalancerReplica(cfg, seeded(seed)));
    const firsts: number[] = [];
    for (let i = 0; i < 1000; i++) firsts.push(replicas[i % 4]!.plan(request, T0 + i).order[0]!);
    const got = shares(firsts);
    expect(Math.abs((got[1] ?? 0) - 0.5)).toBeLessThanOrEqual(0.05);
    expect(Math.abs((got[2] ?? 0) - 0.3)).toBeLessThanOrEqual(0.05);
    expect(Math.abs((got[3] ?? 0) - 0.2)).toBeLessThanOrEqual(0.05);
  });

  it('starts each replica at its own point of the rotation, so new isolates do not pile onto one link', () => {
    const request = links('round_robin', 1, 1, 1, 1);
    const firsts = new Set(
      Array.from(
        { length: 16 },
        (_, seed) => new BalancerReplica(cfg, seeded(seed + 1)).plan(request, T0).order[0],
      ),
    );
    expect(firsts.size).toBeGreaterThan(1);
  });

  it('puts the links the object reports as degraded or cooling down behind the healthy ones', () => {
    const replica = new BalancerReplica(cfg, seeded(7));
    replica.apply(
      {
        links: [
          { linkId: 1, degraded: true, failureRate: 0.9, cooldownUntil: null },
          { linkId: 2, degraded: false, failureRate: 1, cooldownUntil: T0 + 5_000 },
        ],
        probe: null,
      },
      T0,
    );
    for (let i = 0; i < 5; i++)
      expect(replica.plan(links('round_robin', 1, 1, 1), T0 + i).order).toEqual([3, 1, 2]);
    // The cooldown ends on its own; the degraded link stays behind until the object says otherwise.
    expect(replica.plan(links('priority', 1, 1, 1), T0 + 5_000).order).toEqual([2, 3, 1]);
  });

  it('sends a granted probe once, first, and only when that link is a candidate', () => {
    const replica = new BalancerReplica(cfg, seeded(3));
    replica.apply(
      { links: [{ linkId: 1, degraded: true, failureRate: 1, cooldownUntil: null }], probe: 1 },
      T0,
    );
    const other: PlanRequest = {
      strategy: 'priority',
      candidates: links('priority', 1, 1, 1).candidates.slice(1),
    };
    expect(replica.plan(other, T0).probe).toBeNull();
    expect(replica.plan(links('priority', 1, 1), T0)).toEqual({ order: [1, 2], probe: 1 });
    expect(replica.plan(links('priority', 1, 1), T0)).toEqual({ order: [2, 1], probe: null });
  });

  it("acts on this isolate's own Retry-After at once, until it ends or the link answers", () => {
    const replica = new BalancerReplica(cfg, seeded(5));
    replica.observe([{ linkId: 1, status: 429, retryAfterMs: 2_000 }], T0);
    expect(replica.plan(links('priority', 1, 1), T0 + 1).order).toEqual([2, 1]);
    expect(replica.plan(links('priority', 1, 1), T0 + 2_000).order).toEqual([1, 2]);
    replica.observe([{ linkId: 1, status: 503, retryAfterMs: 60_000 }], T0);
    replica.observe([{ linkId: 1, status: 200 }], T0 + 10);
    expect(replica.plan(links('priority', 1, 1), T0 + 20).order).toEqual([1, 2]);
  });

  it('keeps the last health it heard for one window, then plans without it', () => {
    const replica = new BalancerReplica(cfg, seeded(9));
    replica.apply(
      { links: [{ linkId: 1, degraded: true, failureRate: 1, cooldownUntil: null }], probe: null },
      T0,
    );
    expect(replica.isFresh(T0 + 999, 1000)).toBe(true);
    expect(replica.isFresh(T0 + 1000, 1000)).toBe(false);
    expect(replica.plan(links('priority', 1, 1), T0 + cfg.windowMs).order).toEqual([2, 1]);
    expect(replica.plan(links('priority', 1, 1), T0 + cfg.windowMs + 1).order).toEqual([1, 2]);
  });
});
