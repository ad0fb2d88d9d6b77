import { describe, expect, it } from 'vitest';
import { type Cursor, type PlanCandidate, planOrder } from '../../../worker/routing/plan';
import type { Strategy } from '../../../worker/routing/types';
import { randomChooser, smoothChooser, weightedOrder } from '../../../worker/routing/weighted';

const c = (id: number, weight = 1, extra: Partial<PlanCandidate> = {}): PlanCandidate => ({
  id,
  weight,
  priority: 0,
  pausedUntil: null,
  ...extra,
});

/** Plans repeatedly against one persisted cursor map, as the Durable Object does. */
function balancer(strategy: Strategy, candidates: PlanCandidate[], random?: () => number) {
  const cursors = new Map<string, Cursor>();
  const plan = () => {
    const out = planOrder({ strategy, candidates, state: { cursors, links: new Map() }, now: 1, random });
    for (const [key, cursor] of out.cursorUpdates) cursors.set(key, cursor);
    return out;
  };
  return { plan, cursors };
}

function firstPicks(plan: () => { order: number[] }, n: number): number[] {
  return Array.from({ length: n }, () => plan().order[0] ?? -1);
}

function tally(ids: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const id of ids) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

/** Deterministic [0, 1) source (mulberry32) so distribution tests are reproducible. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the shared weighted pick', () => {
  it('smooth weighted round-robin interleaves 3:1 as A,A,B,A', () => {
    const current = new Map<number, number>();
    const picks = Array.from(
      { length: 8 },
      () => weightedOrder([c(1, 3), c(2, 1)], smoothChooser(current))[0],
    );
    expect(picks).toEqual([1, 1, 2, 1, 1, 1, 2, 1]);
  });

  it('tries zero-weight members last, and rotates evenly when every weight is zero', () => {
    expect(weightedOrder([c(1, 0), c(2, 2), c(3, -1), c(4, Number.NaN)], smoothChooser(new Map()))).toEqual([
      2, 1, 3, 4,
    ]);
    const current = new Map<number, number>();
    const picks = Array.from(
      { length: 4 },
      () => weightedOrder([c(1, 0), c(2, 0)], smoothChooser(current))[0],
    );
    expect(tally(picks as number[])).toEqual({ 1: 2, 2: 2 });
  });

  it('a random draw never picks a zero-weight member while a positive one remains', () => {
    expect(
      weightedOrder(
        [c(1, 0), c(2, 1)],
        randomChooser(() => 0.999999999),
      ),
    ).toEqual([2, 1]);
  });
});

describe('round_robin', () => {
  it('splits 400 picks at weights 3:1 exactly 300/100', () => {
    const { plan } = balancer('round_robin', [c(1, 3), c(2, 1)]);
    expect(tally(firstPicks(plan, 400))).toEqual({ 1: 300, 2: 100 });
  });

  it('interleaves smoothly and keeps every window of Σweight picks exact', () => {
    const { plan } = balancer('round_robin', [c(1, 2), c(2, 1), c(3, 1)]);
    const picks = firstPicks(plan, 40);
    expect(picks.slice(0, 4)).toEqual([1, 2, 3, 1]);
    for (let i = 0; i + 4 <= picks.length; i += 4)
      expect(tally(picks.slice(i, i + 4))).toEqual({ 1: 2, 2: 1, 3: 1 });
  });

  it('lists every candidate once, the failover order continuing the rotation', () => {
    const { plan } = balancer('round_robin', [c(1, 3), c(2, 1), c(3, 1)]);
    for (let i = 0; i < 20; i++) expect([...plan().order].sort()).toEqual([1, 2, 3]);
  });

  it('drops duplicate candidates', () => {
    const { plan } = balancer('round_robin', [c(1), c(2), c(1)]);
    expect(plan().order).toHaveLength(2);
  });
});

describe('priority', () => {
  const candidates = [
    c(1, 3, { priority: 0 }),
    c(2, 1, { priority: 0 }),
    c(3, 1, { priority: 5 }),
    c(4, 1, { priority: 5 }),
    c(5, 1, { priority: 9 }),
  ];

  it('rotates by weight inside the lowest priority group', () => {
    const { plan } = balancer('priority', candidates);
    expect(tally(firstPicks(plan, 400))).toEqual({ 1: 300, 2: 100 });
  });

  it('moves to the next group only after the whole group, lowest value first', () => {
    const { plan } = balancer('priority', candidates);
    for (let i = 0; i < 8; i++) {
      const order = plan().order;
      expect(new Set(order.slice(0, 2))).toEqual(new Set([1, 2]));
      expect(new Set(order.slice(2, 4))).toEqual(new Set([3, 4]));
      expect(order[4]).toBe(5);
    }
  });

  it('does not advance the counters of fallback groups', () => {
    const { plan, cursors } = balancer('priority', candidates);
    const fallbackFirsts = Array.from({ length: 10 }, () => plan().order[2]);
    expect(new Set(fallbackFirsts)).toEqual(new Set([3]));
    expect([...cursors.keys()]).toEqual(['healthy/p:0']);
  });
});

describe('cost_first', () => {
  it('orders by estimated cost, cheapest first, unpriced last', () => {
    const { plan } = balancer('cost_first', [
      c(1, 1, { cost: 0.3 }),
      c(2, 1, { cost: 0.1 }),
      c(3, 1),
      c(4, 1, { cost: 0.2 }),
      c(5, 1, { cost: null }),
    ]);
    expect(plan().order.slice(0, 3)).toEqual([2, 4, 1]);
    expect(new Set(plan().order.slice(3))).toEqual(new Set([3, 5]));
  });

  it('breaks ties by weighted round-robin among the tied links only', () => {
    const { plan } = balancer('cost_first', [
      c(1, 3, { cost: 0.1 }),
      c(2, 1, { cost: 0.1 + 1e-18 }),
      c(3, 5, { cost: 0.2 }),
    ]);
    const orders = Array.from({ length: 400 }, () => plan().order);
    expect(tally(orders.map((o) => o[0] ?? -1))).toEqual({ 1: 300, 2: 100 });
    expect(orders.every((o) => o[2] === 3)).toBe(true);
  });
});

describe('weighted_random', () => {
  it('draws in proportion to weight (seeded)', () => {
    const { plan, cursors } = balancer('weighted_random', [c(1, 3), c(2, 1)], seeded(42));
    const counts = tally(firstPicks(plan, 10_000));
    expect(counts[1]).toBeGreaterThan(7300);
    expect(counts[1]).toBeLessThan(7700);
    expect(cursors.size).toBe(0);
  });

  it('is reproducible with the same seed and lists every candidate once', () => {
    const a = balancer('weighted_random', [c(1, 2), c(2, 1), c(3, 1)], seeded(7));
    const b = balancer('weighted_random', [c(1, 2), c(2, 1), c(3, 1)], seeded(7));
    for (let i = 0; i < 50; i++) {
      const order = a.plan().order;
      expect(order).toEqual(b.plan().order);
      expect([...order].sort()).toEqual([1, 2, 3]);
    }
  });
});
