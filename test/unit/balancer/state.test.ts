import { describe, expect, it } from 'vitest';
import { bucketWidth, DEFAULT_HEALTH_CONFIG as cfg } from '../../../worker/balancer/health';
import { BalancerCore } from '../../../worker/balancer/state';

const T0 = 1_700_000_000_000;

function fixture() {
  const core = new BalancerCore(cfg);
  return {
    core,
    fail: (linkId: number, times: number, at = T0, status = 500) =>
      core.report(
        Array.from({ length: times }, () => ({ linkId, status })),
        at,
      ),
  };
}

describe('balancer state machine', () => {
  it('hands replicas the degraded link, and its probe to one caller per interval', () => {
    const f = fixture();
    f.fail(1, 6);
    f.fail(2, 1);
    // Link 2 has one failure but is not degraded: replicas treat it as healthy, so it is not sent.
    expect(f.core.replicaState(T0)).toEqual({
      links: [{ linkId: 1, degraded: true, failureRate: 1, cooldownUntil: null }],
      probe: null,
    });
    const due = T0 + cfg.probeIntervalMs;
    expect(f.core.replicaState(due).probe).toBe(1);
    // Granted once: every other caller in this interval sees the link degraded, without a probe.
    expect(f.core.replicaState(due).probe).toBeNull();
    expect(f.core.replicaState(due + cfg.probeIntervalMs - 1).probe).toBeNull();
    expect(f.core.replicaState(due + cfg.probeIntervalMs).probe).toBe(1);

    f.core.report([{ linkId: 1, status: 200, probe: true }], due + cfg.probeIntervalMs + 100);
    expect(f.core.replicaState(due + cfg.probeIntervalMs + 100)).toEqual({ links: [], probe: null });
  });

  it('grants the probe of the link waiting longest, the lower failure rate on a tie', () => {
    const f = fixture();
    f.fail(1, 6);
    f.fail(2, 6);
    f.core.report([{ linkId: 2, status: 200 }], T0);
    const due = T0 + cfg.probeIntervalMs;
    expect(f.core.replicaState(due).probe).toBe(2);
    expect(f.core.replicaState(due).probe).toBe(1);
  });

  it('re-admits a degraded link once its samples leave the window', () => {
    const f = fixture();
    f.fail(1, 6);
    expect(f.core.replicaState(T0 + cfg.windowMs + bucketWidth(cfg))).toEqual({ links: [], probe: null });
  });

  it('sends a Retry-After cooldown to replicas until it ends, and never probes a cooling link', () => {
    const f = fixture();
    f.core.report([{ linkId: 1, status: 429, retryAfterMs: 20_000 }], T0);
    expect(f.core.replicaState(T0)).toEqual({
      links: [{ linkId: 1, degraded: false, failureRate: 1, cooldownUntil: T0 + 20_000 }],
      probe: null,
    });
    expect(f.core.replicaState(T0 + 20_000).links).toEqual([]);
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

  it('sweeps expired health and the cursors an older version stored', () => {
    const f = fixture();
    f.core.load([['cursor:healthy/rr', { usedAt: T0, current: { 1: 0 } }]]);
    f.fail(1, 2);
    const changes = f.core.sweep(T0 + cfg.windowMs + bucketWidth(cfg));
    expect([...changes.deletes].sort()).toEqual(['cursor:healthy/rr', 'link:1']);
    expect(f.core.isEmpty).toBe(true);
  });

  it('restores its state from storage entries and skips values of an unknown shape', () => {
    const f = fixture();
    const changes = f.fail(1, 6);
    const restored = new BalancerCore(cfg);
    restored.load([...changes.puts, ['link:x', 5], ['link:2', { buckets: 'no' }]]);
    expect(restored.snapshot(T0).links).toHaveLength(1);
    expect(restored.replicaState(T0).links.map((l) => l.linkId)).toEqual([1]);
  });
});
