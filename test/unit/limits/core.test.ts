import { describe, expect, it } from 'vitest';
import { HOLDER_TTL_MS, LimiterCore, RESERVATION_TTL_MS } from '../../../worker/limits/core';
import type { SyncInput } from '../../../worker/limits/schemas';
import type { ScopeLimits } from '../../../worker/limits/types';

const T0 = Date.parse('2026-03-05T10:00:05Z');
const limits = (l: Partial<ScopeLimits>): ScopeLimits => ({
  rpm: null,
  tpm: null,
  concurrency: null,
  budgetUsd: null,
  budgetPeriod: 'month',
  ...l,
});

const zero = { requests: 0, tokens: 0, slots: 0, usd: 0 };
let seq = 0;
function sync(l: ScopeLimits, isolate: string, over: Partial<SyncInput> = {}): SyncInput {
  seq++;
  return {
    isolate: `isolate-${isolate}`,
    seq,
    exclusive: false,
    limits: l,
    window: null,
    used: { requests: 0, tokens: 0 },
    debt: { requests: 0, tokens: 0 },
    returned: zero,
    reserved: [],
    held: { slots: 0, usd: 0 },
    inFlight: 0,
    want: zero,
    needUsd: 0,
    ...over,
  };
}

describe('the limiter core: request windows', () => {
  it('never grants more than rpm in one minute, however many holders ask', () => {
    const l = limits({ rpm: 100 });
    const core = new LimiterCore();
    let granted = 0;
    for (let i = 0; i < 200; i++) {
      const r = core.sync(sync(l, String(i % 5), { want: { ...zero, requests: 7 } }), T0 + i);
      granted += r.granted.requests;
    }
    expect(granted).toBe(100);
    expect(core.sync(sync(l, 'x', { want: { ...zero, requests: 1 } }), T0 + 500).granted.requests).toBe(0);
  });

  it('starts a fresh minute at the UTC minute boundary', () => {
    const l = limits({ rpm: 10 });
    const core = new LimiterCore();
    expect(core.sync(sync(l, 'a', { want: { ...zero, requests: 10 } }), T0).granted.requests).toBe(5);
    const next = core.sync(sync(l, 'a', { want: { ...zero, requests: 10 } }), T0 + 60_000);
    expect(next.window.start).toBe(T0 - 5000 + 60_000);
    expect(next.granted.requests).toBe(5);
    expect(next.window.endsInMs).toBe(55_000);
  });

  it('lets another holder use what one gives back unused', () => {
    const l = limits({ rpm: 4 });
    const core = new LimiterCore();
    const a = core.sync(sync(l, 'a', { want: { ...zero, requests: 4 } }), T0);
    expect(a.granted.requests).toBe(2);
    core.sync(sync(l, 'a', { window: a.window.start, returned: { ...zero, requests: 2 } }), T0 + 1);
    const b = core.sync(sync(l, 'b', { want: { ...zero, requests: 4 } }), T0 + 2);
    expect(b.window.requests).toBe(b.granted.requests);
  });

  it('counts debts of a holder that admitted while it could not ask', () => {
    const l = limits({ tpm: 1000 });
    const core = new LimiterCore();
    const r = core.sync(sync(l, 'a', { debt: { requests: 0, tokens: 900 } }), T0);
    expect(r.window.tokens).toBe(900);
    // 100 left, shared by two holders: at most a quarter of it to one of them.
    expect(core.sync(sync(l, 'b', { want: { ...zero, tokens: 500 } }), T0).granted.tokens).toBe(25);
  });
});

describe('the limiter core: concurrency slots', () => {
  it('never hands out more slots than the limit in total', () => {
    const l = limits({ concurrency: 5 });
    const core = new LimiterCore();
    const a = core.sync(sync(l, 'a', { want: { ...zero, slots: 3 } }), T0);
    const b = core.sync(sync(l, 'b', { want: { ...zero, slots: 3 } }), T0);
    expect(a.granted.slots + b.granted.slots).toBe(5);
    expect(b.tight).toBe(true);
    core.sync(sync(l, 'a', { returned: { ...zero, slots: 3 } }), T0 + 1);
    expect(core.sync(sync(l, 'b', { want: { ...zero, slots: 3 } }), T0 + 2).granted.slots).toBe(3);
  });

  it('takes back the slots of a holder that went silent, but keeps running requests of one it forgot', () => {
    const l = limits({ concurrency: 2 });
    const core = new LimiterCore();
    core.sync(sync(l, 'a', { want: { ...zero, slots: 2 } }), T0);
    const later = T0 + HOLDER_TTL_MS + 1;
    expect(core.sync(sync(l, 'b', { want: { ...zero, slots: 2 } }), later).granted.slots).toBe(2);
    // `a` comes back with one request still running: it is counted, so nobody else gets a third slot.
    const back = core.sync(sync(l, 'a', { inFlight: 1, held: { slots: 2, usd: 0 } }), later + 1);
    expect(back.reset).toBe(true);
    expect(core.usage(l, later + 2).inFlight).toBe(1);
    expect(core.sync(sync(l, 'c', { want: { ...zero, slots: 1 } }), later + 3).granted.slots).toBe(0);
  });

  it('heals a lost grant from an exclusive sync, and never raises a holder above what it was given', () => {
    const l = limits({ concurrency: 4 });
    const core = new LimiterCore();
    core.sync(sync(l, 'a', { want: { ...zero, slots: 3 } }), T0); // the reply is "lost": a believes 0
    core.sync(sync(l, 'a', { exclusive: true, held: { slots: 0, usd: 0 } }), T0 + 1);
    expect(core.sync(sync(l, 'b', { want: { ...zero, slots: 4 } }), T0 + 2).granted.slots).toBe(4);
    core.sync(sync(l, 'b', { exclusive: true, held: { slots: 9, usd: 0 }, inFlight: 4 }), T0 + 3);
    expect(core.sync(sync(l, 'c', { want: { ...zero, slots: 1 } }), T0 + 4).granted.slots).toBe(0);
  });
});

describe('the limiter core: budgets', () => {
  it('never reserves more than the budget, counting held slices, reservations and spend', () => {
    const l = limits({ budgetUsd: 1 });
    const core = new LimiterCore();
    let granted = 0;
    for (let i = 0; i < 50; i++) {
      granted += core.sync(sync(l, String(i % 3), { want: { ...zero, usd: 0.2 }, needUsd: 0.05 }), T0).granted
        .usd;
    }
    expect(granted).toBeCloseTo(1, 10);
  });

  it('replaces a reservation by its real cost on settle, whether the settle comes before or after the report', () => {
    const l = limits({ budgetUsd: 10 });
    const core = new LimiterCore();
    const bucket = T0 - (T0 % 60_000);
    core.sync(sync(l, 'a', { want: { ...zero, usd: 1 }, needUsd: 1 }), T0);
    core.sync(sync(l, 'a', { reserved: [{ bucket, usd: 0.5 }] }), T0 + 1);
    core.settle([{ bucket, reserved: 0.5, cost: 0.125 }], T0 + 2);
    // The second request settles before its instance reported the reservation.
    core.settle([{ bucket, reserved: 0.25, cost: 0.25 }], T0 + 3);
    core.sync(sync(l, 'a', { reserved: [{ bucket, usd: 0.25 }] }), T0 + 4);
    const u = core.usage(l, T0 + 5);
    expect(u.spentUsd).toBeCloseTo(0.375, 12);
    // Only a's slice (1 − 0.5 − 0.25) is still reserved.
    expect(u.reservedUsd).toBeCloseTo(0.25, 12);
  });

  it('starts a new budget at the period boundary and ignores settles of the previous period', () => {
    const l = limits({ budgetUsd: 1, budgetPeriod: 'day' });
    const core = new LimiterCore();
    const bucket = T0 - (T0 % 60_000);
    core.sync(sync(l, 'a', { reserved: [{ bucket, usd: 1 }] }), T0);
    core.settle([{ bucket, reserved: 1, cost: 1 }], T0 + 1);
    expect(core.sync(sync(l, 'a', { want: { ...zero, usd: 1 }, needUsd: 1 }), T0 + 2).granted.usd).toBe(0);
    const tomorrow = T0 + 86_400_000;
    core.settle([{ bucket, reserved: 0, cost: 5 }], tomorrow);
    const r = core.sync(sync(l, 'a', { want: { ...zero, usd: 1 }, needUsd: 1 }), tomorrow + 1);
    expect(r.granted.usd).toBe(1);
    expect(r.budget.spent).toBe(0);
  });

  it('takes back the slice of a silent holder at once, and releases unsettled reservations once they expire', () => {
    const l = limits({ budgetUsd: 1 });
    const core = new LimiterCore();
    const bucket = T0 - (T0 % 60_000);
    core.sync(sync(l, 'a', { want: { ...zero, usd: 0.5 }, needUsd: 0.5 }), T0);
    core.sync(sync(l, 'b', { reserved: [{ bucket, usd: 0.25 }] }), T0);
    expect(core.usage(l, T0 + 1).reservedUsd).toBeCloseTo(0.75, 12);
    expect(core.usage(l, T0 + HOLDER_TTL_MS + 1).reservedUsd).toBeCloseTo(0.25, 12);
    // `a` comes back and reports what it reserved from its old slice before it went quiet.
    core.sync(sync(l, 'a', { reserved: [{ bucket, usd: 0.125 }] }), T0 + HOLDER_TTL_MS + 2);
    expect(core.usage(l, T0 + HOLDER_TTL_MS + 3).reservedUsd).toBeCloseTo(0.375, 12);
    expect(core.usage(l, T0 + RESERVATION_TTL_MS + 1).reservedUsd).toBe(0);
  });
});
