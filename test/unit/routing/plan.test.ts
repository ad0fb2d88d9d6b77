import { describe, expect, it } from 'vitest';
import { type LinkStatus, type PlanCandidate, planOrder } from '../../../worker/routing/plan';

const NOW = 1_000_000;
const c = (id: number, extra: Partial<PlanCandidate> = {}): PlanCandidate => ({
  id,
  weight: 1,
  priority: 0,
  pausedUntil: null,
  ...extra,
});
const status = (extra: Partial<LinkStatus>): LinkStatus => ({
  degraded: false,
  failureRate: 0,
  cooldownUntil: null,
  probeDueSince: null,
  ...extra,
});

function plan(candidates: PlanCandidate[], links: Array<[number, LinkStatus]>) {
  return planOrder({
    strategy: 'round_robin',
    candidates,
    state: { cursors: new Map(), links: new Map(links) },
    now: NOW,
  });
}

describe('full attempt order', () => {
  it('healthy first, then degraded by ascending failure rate, then cooling down, then paused', () => {
    const out = plan(
      [c(1, { pausedUntil: NOW + 60_000 }), c(2), c(3), c(4), c(5), c(6)],
      [
        [2, status({ degraded: true, failureRate: 0.9 })],
        [3, status({ cooldownUntil: NOW + 5000 })],
        [4, status({ degraded: true, failureRate: 0.6 })],
      ],
    );
    expect(out.order.slice(0, 2).sort()).toEqual([5, 6]);
    expect(out.order.slice(2)).toEqual([4, 2, 3, 1]);
    expect(out.probe).toBeNull();
  });

  it('paused beats cooldown beats degraded when a link is several at once', () => {
    const out = plan(
      [c(1, { pausedUntil: NOW + 1 }), c(2), c(3)],
      [
        [1, status({ degraded: true, failureRate: 1, cooldownUntil: NOW + 10 })],
        [2, status({ degraded: true, failureRate: 1, cooldownUntil: NOW + 10 })],
        [3, status({ degraded: true, failureRate: 1 })],
      ],
    );
    expect(out.order).toEqual([3, 2, 1]);
  });

  it('treats expired pauses and cooldowns as healthy', () => {
    const out = plan([c(1, { pausedUntil: NOW }), c(2)], [[2, status({ cooldownUntil: NOW - 1 })]]);
    expect(out.order).toEqual([1, 2]);
  });

  it('gives each degraded failure rate its own group, each candidate once', () => {
    const out = plan(
      [c(1), c(2), c(3), c(4)],
      [
        [1, status({ degraded: true, failureRate: 0.75 })],
        [2, status({ degraded: true, failureRate: 0.5 })],
        [3, status({ degraded: true, failureRate: 0.75 })],
        [4, status({ degraded: true, failureRate: 0.5 })],
      ],
    );
    expect(new Set(out.order.slice(0, 2))).toEqual(new Set([2, 4]));
    expect(new Set(out.order.slice(2))).toEqual(new Set([1, 3]));
  });

  it('moves only the cursor of the group used first', () => {
    const healthy = plan([c(1), c(2), c(3)], [[3, status({ degraded: true, failureRate: 1 })]]);
    expect([...healthy.cursorUpdates.keys()]).toEqual(['healthy/rr']);
    const allDegraded = plan(
      [c(1), c(2)],
      [
        [1, status({ degraded: true, failureRate: 0.5 })],
        [2, status({ degraded: true, failureRate: 0.5 })],
      ],
    );
    expect([...allDegraded.cursorUpdates.keys()]).toEqual(['degraded:0.500000/rr']);
  });
});

describe('half-open probe', () => {
  it('puts a degraded link due for a probe first, alone, and moves no cursor', () => {
    const out = plan(
      [c(1), c(2), c(3)],
      [[3, status({ degraded: true, failureRate: 1, probeDueSince: NOW - 1 })]],
    );
    expect(out.order[0]).toBe(3);
    expect(out.probe).toBe(3);
    expect(out.order.slice(1).sort()).toEqual([1, 2]);
    expect(out.cursorUpdates.size).toBe(0);
  });

  it('does not probe before the probe is due', () => {
    const out = plan([c(1), c(2)], [[2, status({ degraded: true, failureRate: 1, probeDueSince: NOW + 1 })]]);
    expect(out.order).toEqual([1, 2]);
    expect(out.probe).toBeNull();
  });

  it('probes one link per plan: the one waiting longest, then the lowest failure rate', () => {
    const out = plan(
      [c(1), c(2), c(3), c(4)],
      [
        [2, status({ degraded: true, failureRate: 0.6, probeDueSince: NOW - 10 })],
        [3, status({ degraded: true, failureRate: 0.9, probeDueSince: NOW - 50 })],
        [4, status({ degraded: true, failureRate: 0.5, probeDueSince: NOW - 50 })],
      ],
    );
    expect(out.probe).toBe(4);
    expect(out.order).toEqual([4, 1, 2, 3]);
  });

  it('never probes a paused link', () => {
    const out = plan(
      [c(1), c(2, { pausedUntil: NOW + 1000 })],
      [[2, status({ degraded: true, failureRate: 1, probeDueSince: NOW - 1 })]],
    );
    expect(out.probe).toBeNull();
    expect(out.order).toEqual([1, 2]);
  });
});
