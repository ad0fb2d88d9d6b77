// Owns one instance's slice of one scope: what it may admit locally, what it owes the limiter, and replies.
import { BudgetSlice } from './lease-budget';
import { RecentRate } from './recent-rate';
import type { SyncInput, SyncResult } from './schemas';
import type { ScopeLimits } from './types';
import { minuteStart } from './windows';

/** How far ahead a slice should last at this instance's recent rate. */
const HORIZON_S = 2;

/** What one request asks of one scope. */
export interface Need {
  request: boolean;
  tokens: number;
  slot: boolean;
  usd: number;
  /** The limiter's minute its budget reservation is filed under (set when it is taken). */
  bucket: number;
}

export type RefusalKind = 'rate' | 'tokens' | 'concurrency' | 'budget';

export interface Refusal {
  kind: RefusalKind;
  retryAfterMs: number;
  /** Budget only: the period's real spend has reached the budget (not merely reserved). */
  spent?: boolean;
}

/** A scope one request was admitted into: its lease, what it took, and how errors name it. */
export interface Admitted {
  label: string;
  lease: ScopeLease;
  need: Need;
}

export type Check = { ok: true } | { ok: false; sync: true } | { ok: false; refusal: Refusal };

/** What a sync was sent with, to apply its reply against what changed locally meanwhile. */
export interface SentSync {
  input: SyncInput;
  window: number | null;
  budget: { sentFree: number; sentPeriod: number | null };
}

const refuse = (kind: RefusalKind, retryAfterMs: number): Check => ({
  ok: false,
  refusal: { kind, retryAfterMs },
});

export class ScopeLease {
  windowStart: number | null = null;
  windowEndsAt = 0;
  reqFree = 0;
  tokFree = 0;
  counted = { requests: 0, tokens: 0 };
  private used = { requests: 0, tokens: 0 };
  private debt = { requests: 0, tokens: 0 };
  private exhausted = { requests: 0, tokens: 0 };
  slots = 0;
  inFlight = 0;
  tight = false;
  readonly budget = new BudgetSlice();
  /** The limiter's clock minus ours, learned from replies: reservations are filed by the limiter's minute. */
  private offset = 0;
  /** A release was wanted while a sync was in flight: it runs when that sync ends. */
  releaseWanted = false;
  /** One request is waiting for this instance to go idle, to give back what it holds. */
  lingering = false;
  seq = 0;
  syncingSince: number | null = null;
  lastSyncAt = 0;
  lastActiveAt = 0;
  private readonly rate = new RecentRate();

  constructor(
    readonly name: string,
    public limits: ScopeLimits,
  ) {}

  /** The limiter's minute for a reservation made now. */
  bucket(now: number): number {
    return minuteStart(now + this.offset);
  }

  /** Drops a window or budget period that has ended by this instance's clock. */
  roll(now: number): void {
    this.budget.roll(now);
    if (this.windowStart === null || now < this.windowEndsAt) return;
    this.windowStart = null;
    this.reqFree = 0;
    this.tokFree = 0;
    this.used = { requests: 0, tokens: 0 };
    this.debt = { requests: 0, tokens: 0 };
    this.counted = { requests: 0, tokens: 0 };
  }

  /** Whether `need` can be admitted from what this instance holds; `synced` = it just asked the limiter. */
  check(need: Need, now: number, synced: boolean): Check {
    this.roll(now);
    const l = this.limits;
    let sync = false;
    if (need.request && l.rpm !== null) {
      if (now < this.exhausted.requests) return refuse('rate', this.exhausted.requests - now);
      if (this.reqFree < 1) {
        if (synced) return this.exhaust('requests', now);
        sync = true;
      }
    }
    if (l.tpm !== null) {
      if (now < this.exhausted.tokens) return refuse('tokens', this.exhausted.tokens - now);
      // Right after asking, anything left admits (the rest is owed), so a big request is not refused early.
      if (this.tokFree < Math.max(1, need.tokens)) {
        if (synced && this.tokFree <= 0) return this.exhaust('tokens', now);
        if (!synced) sync = true;
      }
    }
    if (need.slot && l.concurrency !== null && this.inFlight >= this.slots) {
      if (synced) return refuse('concurrency', 1000);
      sync = true;
    }
    if (need.usd > 0 && l.budgetUsd !== null) {
      const budget = this.budget.check(need.usd, now, synced);
      if (typeof budget === 'object') return { ok: false, refusal: { kind: 'budget', ...budget } };
      if (budget === 'sync') sync = true;
    }
    return sync ? { ok: false, sync: true } : { ok: true };
  }

  /** Takes `need` out of the slice (or owes it, when failing open or past the slice). */
  commit(need: Need, now: number): void {
    const l = this.limits;
    this.lastActiveAt = now;
    this.rate.note(now, need.tokens);
    if (need.request && l.rpm !== null) {
      if (this.reqFree >= 1) {
        this.reqFree -= 1;
        this.used.requests += 1;
      } else this.debt.requests += 1;
    }
    if (l.tpm !== null) this.takeTokens(need.tokens);
    if (need.slot && l.concurrency !== null) this.inFlight += 1;
    if (need.usd > 0 && l.budgetUsd !== null) {
      need.bucket = this.bucket(now);
      this.budget.take(need.usd, need.bucket);
    }
  }

  /** Gives a reservation not yet reported back to the slice (a cache hit costs nothing); false if too late. */
  releaseBudget(need: Need): boolean {
    if (need.usd <= 0 || this.limits.budgetUsd === null) return false;
    return this.budget.release(need.usd, need.bucket);
  }

  /** A request ended: its slot is free, and its real tokens replace the estimate. */
  finish(need: Need, tokens: number | null, now: number): void {
    if (need.slot && this.limits.concurrency !== null) this.inFlight = Math.max(0, this.inFlight - 1);
    if (this.limits.tpm !== null && tokens !== null) {
      const extra = tokens - need.tokens;
      if (extra > 0) this.takeTokens(extra);
      else if (extra < 0 && this.windowStart !== null && now < this.windowEndsAt) this.tokFree -= extra;
    }
    this.lastActiveAt = now;
  }

  /** True when a background sync would help: a slice running low or expiring, or reports waiting. */
  wantsRefresh(now: number, needUsd: number): boolean {
    const l = this.limits;
    const ahead = this.rate.requests() * HORIZON_S;
    if (l.rpm !== null && this.reqFree < Math.max(1, Math.ceil(ahead / 2))) return true;
    if (l.tpm !== null && this.tokFree < Math.max(1, (this.rate.tokensPerSecond() * HORIZON_S) / 2))
      return true;
    if (l.concurrency !== null && !this.tight && this.slots - this.inFlight < 1) return true;
    if (l.budgetUsd !== null && needUsd > 0 && this.budget.wantsRefresh(now, needUsd, ahead)) return true;
    const reports =
      this.budget.hasReports() || this.debt.requests + this.debt.tokens + this.used.requests > 0;
    return reports && now - this.lastSyncAt >= 1000;
  }

  /** Tokens used beyond the slice are waiting to be reported (they count against everyone's window). */
  owesTokens(): boolean {
    return this.debt.tokens > 0;
  }

  /** Something is held that another instance could use. */
  holdsSpare(): boolean {
    return this.reqFree > 0 || this.tokFree > 0 || this.slots > this.inFlight || this.budget.free > 0;
  }

  /**
   * The sync to send now. With `release`, everything held beyond what is running goes back; otherwise
   * the slice is topped up for `need` and the next couple of seconds at this instance's rate.
   */
  prepare(isolate: string, need: Need | null, release: boolean, exclusive: boolean, now: number): SentSync {
    this.roll(now);
    const returned = { requests: 0, tokens: 0, slots: 0, usd: 0 };
    const keep = release || this.tight ? this.inFlight : this.slots;
    if (this.slots > keep) {
      returned.slots = this.slots - keep;
      this.slots = keep;
    }
    if (release) {
      returned.requests = Math.max(0, this.reqFree);
      returned.tokens = Math.max(0, Math.floor(this.tokFree));
      this.reqFree -= returned.requests;
      this.tokFree -= returned.tokens;
    }
    const budget = this.budget.prepare(release);
    returned.usd = budget.returned;
    this.seq += 1;
    const input: SyncInput = {
      isolate,
      seq: this.seq,
      exclusive,
      limits: this.limits,
      window: this.windowStart,
      used: this.used,
      debt: this.debt,
      returned,
      reserved: budget.reserved,
      held: { slots: this.slots, usd: budget.held },
      inFlight: this.inFlight,
      want: release ? { requests: 0, tokens: 0, slots: 0, usd: 0 } : this.want(need, now),
      needUsd: need && !release ? Math.max(0, need.usd - this.budget.usable(now)) : 0,
    };
    this.used = { requests: 0, tokens: 0 };
    this.debt = { requests: 0, tokens: 0 };
    return { input, window: this.windowStart, budget };
  }

  /** Applies the limiter's reply; what each grant adds to depends on what changed locally since. */
  apply(sent: SentSync, reply: SyncResult, now: number): void {
    this.lastSyncAt = now;
    this.offset = reply.window.start + 60_000 - reply.window.endsInMs - now;
    const newWindow = reply.window.start !== sent.window || reply.reset;
    this.windowStart = reply.window.start;
    this.windowEndsAt = now + reply.window.endsInMs;
    this.reqFree = (newWindow ? 0 : this.reqFree) + reply.granted.requests;
    this.tokFree = (newWindow ? 0 : this.tokFree) + reply.granted.tokens;
    this.counted = { requests: reply.window.requests, tokens: reply.window.tokens };
    if (reply.reset) this.slots = sent.input.inFlight + reply.granted.slots;
    else this.slots += reply.granted.slots;
    this.tight = reply.tight;
    this.budget.apply(sent.budget, reply, this.limits.budgetUsd, now);
    if (reply.granted.requests > 0) this.exhausted.requests = 0;
    if (reply.granted.tokens > 0) this.exhausted.tokens = 0;
  }

  /** A sync failed: its reservations and debts are sent again next time (a duplicate only over-counts). */
  restore(sent: SentSync): void {
    this.budget.restore(sent.input.reserved);
    this.debt.requests += sent.input.debt.requests;
    this.debt.tokens += sent.input.debt.tokens;
  }

  /** What is left of a window as this instance sees it (for `x-ratelimit-remaining-*`). */
  remaining(kind: 'requests' | 'tokens', now: number): { limit: number; remaining: number; resetMs: number } {
    const limit = (kind === 'requests' ? this.limits.rpm : this.limits.tpm) ?? 0;
    const free = kind === 'requests' ? this.reqFree : this.tokFree;
    const known = this.windowStart !== null && now < this.windowEndsAt;
    const resetMs = known
      ? this.windowEndsAt - now
      : minuteStart(now + this.offset) + 60_000 - now - this.offset;
    const counted = known ? this.counted[kind] : 0;
    return { limit, remaining: Math.max(0, Math.floor(limit - counted + free)), resetMs };
  }

  private want(need: Need | null, now: number) {
    const ahead = Math.ceil(this.rate.requests() * HORIZON_S);
    const requests = Math.max(0, ahead + 1 - this.reqFree, need?.request && this.reqFree < 1 ? 1 : 0);
    const tokenTarget = Math.ceil(this.rate.tokensPerSecond() * HORIZON_S) + (need?.tokens ?? 0);
    const tokens = Math.max(0, Math.ceil(tokenTarget - this.tokFree));
    const headroom = this.tight ? 0 : Math.max(1, Math.ceil(this.inFlight / 4));
    const slots = Math.max(0, this.inFlight + (need?.slot ? 1 : 0) + headroom - this.slots);
    return { requests, tokens, slots, usd: this.budget.want(need?.usd ?? 0, ahead, now) };
  }

  private takeTokens(n: number): void {
    if (n <= 0) return;
    const fromSlice = Math.max(0, Math.min(n, this.tokFree));
    this.tokFree -= fromSlice;
    this.used.tokens += Math.floor(fromSlice);
    this.debt.tokens += Math.ceil(n - fromSlice);
  }

  private exhaust(kind: 'requests' | 'tokens', now: number): Check {
    const until = this.windowStart === null ? now + 1000 : this.windowEndsAt;
    this.exhausted[kind] = until;
    return refuse(kind === 'requests' ? 'rate' : 'tokens', until - now);
  }
}
