import { describe, expect, it } from 'vitest';
import { rendezvousLink } from '../../../worker/routing/affinity';
import { planOrder } from '../../../worker/routing/plan';
import type { PlanCandidate } from '../../../worker/routing/plan-types';

const links = [
  { id: 1, weight: 1 },
  { id: 2, weight: 1 },
  { id: 3, weight: 2 },
];

describe('conversation affinity', () => {
  it('sends a key to the same link every time, in proportion to the weights across keys', () => {
    expect(rendezvousLink('conv-a', links)).toBe(rendezvousLink('conv-a', [...links].reverse()));
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) {
      const id = rendezvousLink(`conversation-${i}`, links) as number;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    expect((counts.get(1) ?? 0) / 4000).toBeCloseTo(0.25, 1);
    expect((counts.get(3) ?? 0) / 4000).toBeCloseTo(0.5, 1);
  });

  it('moves only the conversations of a removed link', () => {
    const before = Array.from({ length: 500 }, (_, i) => rendezvousLink(`c${i}`, links));
    const after = Array.from({ length: 500 }, (_, i) => rendezvousLink(`c${i}`, links.slice(0, 2)));
    before.forEach((id, i) => {
      if (id !== 3) expect(after[i]).toBe(id);
    });
  });

  const candidate = (id: number, extra: Partial<PlanCandidate> = {}): PlanCandidate => ({
    id,
    weight: 1,
    priority: 0,
    pausedUntil: null,
    ...extra,
  });

  it('puts the pinned link first while healthy, without moving the round-robin cursor', () => {
    const state = { cursors: new Map(), links: new Map() };
    const out = planOrder({
      strategy: 'round_robin',
      candidates: [candidate(1), candidate(2), candidate(3, { affinity: true })],
      state,
      now: 0,
    });
    expect(out.order[0]).toBe(3);
    expect(out.cursorUpdates.size).toBe(0);
  });

  it('does not pin a paused or degraded link', () => {
    const paused = planOrder({
      strategy: 'round_robin',
      candidates: [candidate(1), candidate(2, { affinity: true, pausedUntil: 10_000 })],
      state: { cursors: new Map(), links: new Map() },
      now: 0,
    });
    expect(paused.order).toEqual([1, 2]);
    const degraded = planOrder({
      strategy: 'round_robin',
      candidates: [candidate(1), candidate(2, { affinity: true })],
      state: {
        cursors: new Map(),
        links: new Map([[2, { degraded: true, failureRate: 1, cooldownUntil: null, probeDueSince: null }]]),
      },
      now: 0,
    });
    expect(degraded.order).toEqual([1, 2]);
  });
});
