// Owns one scope's limiter state and its rules: minute windows, slot holders, budget periods and settles.
import { z } from 'zod';
import { grantSize, grantUnits } from './grant';
import type { ScopeUsage, SettleItem, SyncInput, SyncResult } from './schemas';
import { scopeLimitsSchema } from './schemas';
import type { ScopeLimits } from './types';
import { minuteStart, periodEnd, periodStart } from './windows';

/**
 * A holder not heard from for this long is gone: its slots and slices come back. It stops using a slice
 * 5 s before this (see lease-budget), and reports what it reserved from it whenever it is heard again.
 */
export const HOLDER_TTL_MS = 30_000;
/** A reservation never settled (its record lost) is released this long after its admission minute. */
export const RESERVATION_TTL_MS = 15 * 60_000;
/** Holders seen this recently share what is left. */
const ACTIVE_MS = 10_000;
/** Sums of floats that should be zero are forgotten below this. */
const EPSILON = 1e-12;

const holderSchema = z.object({
  seenAt: z.number(),
  seq: z.number(),
  requests: z.number(),
  tokens: z.number(),
  slots: z.number(),
  inFlight: z.number(),
  usd: z.number(),
});

export const storedStateSchema = z.object({
  limits: scopeLimitsSchema.nullable(),
  window: z.object({ start: z.number(), requests: z.number(), tokens: z.number() }),
  holders: z.record(z.string(), holderSchema),
  budget: z.object({
    periodStart: z.number(),
    spent: z.number(),
    outstanding: z.record(z.string(), z.number()),
  }),
});

export type LimiterState = z.infer<typeof storedStateSchema>;
type Holder = z.infer<typeof holderSchema>;

export function emptyState(): LimiterState {
  return {
    limits: null,
    window: { start: 0, requests: 0, tokens: 0 },
    holders: {},
    budget: { periodStart: -1, spent: 0, outstanding: {} },
  };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

/**
 * The rules of one limiter, free of storage so the Durable Object and tests share them. Every grant is
 * counted the moment it is handed out: a window can never admit more than its limit, and a budget
 * never reserves more than it has (spent + reserved by requests awaiting settle + held slices).
 */
export class LimiterCore {
  constructor(public state: LimiterState = emptyState()) {}

  sync(input: SyncInput, now: number): SyncResult {
    const limits = input.limits;
    this.state.limits = limits;
    this.roll(limits, now);
    this.expire(now);
    const known = this.state.holders[input.isolate];
    const holder: Holder = known ?? {
      seenAt: now,
      seq: -1,
      requests: 0,
      tokens: 0,
      // Requests running on an instance the limiter forgot are still running: they hold their slots.
      slots: input.inFlight,
      inFlight: input.inFlight,
      usd: 0,
    };
    this.state.holders[input.isolate] = holder;
    this.applyReport(holder, input, known !== undefined);
    holder.seq = Math.max(holder.seq, input.seq);
    holder.seenAt = now;
    const granted = this.grant(holder, input, limits, now);
    const budget = this.state.budget;
    const end = periodEnd(limits.budgetPeriod, now);
    const slotsLeft =
      limits.concurrency === null ? Number.POSITIVE_INFINITY : limits.concurrency - this.slotsHeld();
    return {
      reset: known === undefined,
      window: {
        start: this.state.window.start,
        endsInMs: this.state.window.start + 60_000 - now,
        requests: this.state.window.requests,
        tokens: this.state.window.tokens,
      },
      granted,
      budget: {
        periodStart: budget.periodStart,
        endsInMs: end === null ? null : end - now,
        spent: budget.spent,
        reserved: this.reservedUsd(),
      },
      tight: slotsLeft < this.activeHolders(now),
      ttlMs: HOLDER_TTL_MS,
    };
  }

  /** Real costs of finished requests replace their reservations (spend is the period of admission). */
  settle(items: SettleItem[], now: number): void {
    const limits = this.state.limits;
    if (!limits) return;
    this.roll(limits, now);
    const budget = this.state.budget;
    for (const item of items) {
      if (periodStart(limits.budgetPeriod, item.bucket) !== budget.periodStart) continue;
      budget.spent += item.cost;
      // A settle may overtake its reservation's report: the bucket goes negative until the report lands.
      if (now - item.bucket >= RESERVATION_TTL_MS) continue;
      const key = String(item.bucket);
      const left = (budget.outstanding[key] ?? 0) - item.reserved;
      if (Math.abs(left) < EPSILON) delete budget.outstanding[key];
      else budget.outstanding[key] = left;
    }
    this.expire(now);
  }

  usage(limits: ScopeLimits | null, now: number): ScopeUsage {
    const effective = limits ?? this.state.limits;
    if (effective) this.roll(effective, now);
    this.expire(now);
    const holders = Object.values(this.state.holders);
    return {
      limits: effective,
      requestsThisMinute: Math.max(0, this.state.window.requests - sum(holders.map((h) => h.requests))),
      tokensThisMinute: Math.max(0, this.state.window.tokens - sum(holders.map((h) => h.tokens))),
      inFlight: sum(holders.map((h) => h.inFlight)),
      spentUsd: this.state.budget.spent,
      reservedUsd: Math.max(0, this.reservedUsd()),
      periodStart: Math.max(0, this.state.budget.periodStart),
    };
  }

  /** True when nothing is held or counted: the object may forget its storage. */
  get isIdle(): boolean {
    const s = this.state;
    return (
      Object.keys(s.holders).length === 0 &&
      Object.keys(s.budget.outstanding).length === 0 &&
      s.budget.spent === 0 &&
      s.window.requests === 0 &&
      s.window.tokens === 0
    );
  }

  private applyReport(holder: Holder, input: SyncInput, known: boolean): void {
    const window = this.state.window;
    // Rate reports count only in the minute they belong to (debts of an instance that never synced: now).
    const current = input.window === null || input.window === window.start;
    if (current) {
      window.requests += input.debt.requests;
      window.tokens += input.debt.tokens;
      if (known) {
        holder.requests = Math.max(0, holder.requests - input.used.requests);
        holder.tokens = Math.max(0, holder.tokens - input.used.tokens);
        const backRequests = Math.min(input.returned.requests, holder.requests);
        const backTokens = Math.min(input.returned.tokens, holder.tokens);
        holder.requests -= backRequests;
        holder.tokens -= backTokens;
        window.requests -= backRequests;
        window.tokens -= backTokens;
      }
    }
    const budget = this.state.budget;
    let reserved = 0;
    for (const r of input.reserved) {
      // Taken from the slice whatever its period; awaiting a settle only within the current one.
      reserved += r.usd;
      if (periodStart(this.state.limits?.budgetPeriod ?? 'month', r.bucket) !== budget.periodStart) continue;
      const key = String(r.bucket);
      const left = (budget.outstanding[key] ?? 0) + r.usd;
      if (Math.abs(left) < EPSILON) delete budget.outstanding[key];
      else budget.outstanding[key] = left;
    }
    if (!known) return;
    holder.slots = Math.max(input.inFlight, holder.slots - input.returned.slots);
    holder.usd = Math.max(0, holder.usd - reserved - input.returned.usd);
    if (input.exclusive && input.seq > holder.seq) {
      // Nothing else of this instance is in flight, so a view lower than ours is the truth: it heals a
      // grant whose reply was lost. A higher one is never taken (it would hand out what was not granted).
      holder.slots = Math.max(input.inFlight, Math.min(holder.slots, input.held.slots));
      holder.usd = Math.min(holder.usd, input.held.usd);
    }
    holder.inFlight = input.inFlight;
  }

  private grant(holder: Holder, input: SyncInput, limits: ScopeLimits, now: number) {
    const n = this.activeHolders(now);
    const window = this.state.window;
    const granted = { requests: 0, tokens: 0, slots: 0, usd: 0 };
    if (limits.rpm !== null) {
      granted.requests = grantUnits(input.want.requests, 1, limits.rpm - window.requests, n);
      window.requests += granted.requests;
      holder.requests += granted.requests;
    }
    if (limits.tpm !== null) {
      granted.tokens = grantUnits(input.want.tokens, 1, limits.tpm - window.tokens, n);
      window.tokens += granted.tokens;
      holder.tokens += granted.tokens;
    }
    if (limits.concurrency !== null) {
      // Slots are handed back when requests end, so a holder gets what it asks for while any are free.
      granted.slots = Math.max(0, Math.min(input.want.slots, limits.concurrency - this.slotsHeld()));
      holder.slots += granted.slots;
    }
    if (limits.budgetUsd !== null) {
      const available = limits.budgetUsd - this.state.budget.spent - this.reservedUsd();
      granted.usd = grantSize(input.want.usd, input.needUsd, available, n);
      holder.usd += granted.usd;
    }
    return granted;
  }

  private roll(limits: ScopeLimits, now: number): void {
    const minute = minuteStart(now);
    if (this.state.window.start !== minute) {
      this.state.window = { start: minute, requests: 0, tokens: 0 };
      for (const h of Object.values(this.state.holders)) {
        h.requests = 0;
        h.tokens = 0;
      }
    }
    const start = periodStart(limits.budgetPeriod, now);
    if (this.state.budget.periodStart !== start) {
      this.state.budget = { periodStart: start, spent: 0, outstanding: {} };
      for (const h of Object.values(this.state.holders)) h.usd = 0;
    }
  }

  private expire(now: number): void {
    const budget = this.state.budget;
    for (const [id, h] of Object.entries(this.state.holders)) {
      if (now - h.seenAt >= HOLDER_TTL_MS) delete this.state.holders[id];
    }
    for (const key of Object.keys(budget.outstanding)) {
      if (now - Number(key) >= RESERVATION_TTL_MS) delete budget.outstanding[key];
    }
  }

  private slotsHeld(): number {
    return sum(Object.values(this.state.holders).map((h) => h.slots));
  }

  private reservedUsd(): number {
    return (
      sum(Object.values(this.state.budget.outstanding)) +
      sum(Object.values(this.state.holders).map((h) => h.usd))
    );
  }

  private activeHolders(now: number): number {
    let n = 0;
    for (const h of Object.values(this.state.holders)) if (now - h.seenAt < ACTIVE_MS) n++;
    return Math.max(1, n);
  }
}
