// Owns one instance's budget slice of one scope: reservations taken locally, reported, and refreshed.
import { HOLDER_TTL_MS } from './core';
import type { SyncResult } from './schemas';

/** A slice is used until this long before the limiter would forget it. */
const VALIDITY_MARGIN_MS = 5_000;
/** After a refusal with money still reserved (not spent), look again this soon. */
export const BUDGET_RECHECK_MS = 1_000;

export type BudgetCheck = 'ok' | 'sync' | { retryAfterMs: number; spent: boolean };

export class BudgetSlice {
  free = 0;
  private validUntil = 0;
  periodStart: number | null = null;
  periodEndsAt: number | null = null;
  spent = 0;
  reserved = 0;
  /** Reserved here and not yet reported, by the limiter's admission minute. */
  private pending = new Map<number, number>();
  private blockedUntil = 0;
  private spentOut = false;

  /** Drops a slice whose period has ended by this instance's clock. */
  roll(now: number): void {
    if (this.periodEndsAt === null || now < this.periodEndsAt) return;
    this.periodStart = null;
    this.periodEndsAt = null;
    this.free = 0;
    this.spent = 0;
    this.reserved = 0;
  }

  usable(now: number): number {
    return now < this.validUntil ? this.free : Math.min(0, this.free);
  }

  /**
   * Whether `need` fits. Right after asking the limiter, anything left admits (so the last request of
   * a budget may overshoot it by at most its own worst case); nothing left refuses until the period
   * ends (spent) or for a second (only reserved by requests in flight).
   */
  check(need: number, now: number, synced: boolean): BudgetCheck {
    if (now < this.blockedUntil) return this.refusal(now);
    const free = this.usable(now);
    if (free >= need) return 'ok';
    if (!synced) return 'sync';
    if (free > 0) return 'ok';
    this.blockedUntil = this.spentOut
      ? (this.periodEndsAt ?? Number.POSITIVE_INFINITY)
      : now + BUDGET_RECHECK_MS;
    return this.refusal(now);
  }

  take(usd: number, bucket: number): void {
    this.free -= usd;
    this.pending.set(bucket, (this.pending.get(bucket) ?? 0) + usd);
  }

  /** Gives back a reservation not yet reported (a cache hit costs nothing); false if it was reported. */
  release(usd: number, bucket: number): boolean {
    const pending = this.pending.get(bucket) ?? 0;
    if (pending < usd - 1e-12) return false;
    if (pending - usd < 1e-12) this.pending.delete(bucket);
    else this.pending.set(bucket, pending - usd);
    this.free += usd;
    return true;
  }

  wantsRefresh(now: number, need: number, ahead: number): boolean {
    return this.usable(now) < need * Math.max(1, ahead / 2) || this.validUntil - now < HOLDER_TTL_MS / 2;
  }

  want(need: number, ahead: number, now: number): number {
    return Math.max(0, need * (1 + ahead) - this.usable(now));
  }

  hasReports(): boolean {
    return this.pending.size > 0;
  }

  /** Takes the reports out for a sync (and, releasing, the whole slice). */
  prepare(release: boolean) {
    const returned = release ? Math.max(0, this.free) : 0;
    this.free -= returned;
    const reserved = [...this.pending].slice(0, 100).map(([bucket, usd]) => ({ bucket, usd }));
    for (const r of reserved) this.pending.delete(r.bucket);
    return {
      returned,
      reserved,
      held: Math.max(0, this.free),
      sentFree: this.free,
      sentPeriod: this.periodStart,
    };
  }

  /** A failed sync's reservations are reported again next time (a duplicate only over-counts). */
  restore(reserved: { bucket: number; usd: number }[]): void {
    for (const r of reserved) this.pending.set(r.bucket, (this.pending.get(r.bucket) ?? 0) + r.usd);
  }

  /**
   * Applies a reply. Reservations made while the sync was in flight are in `free` already; the slice it
   * reported was clamped at zero by the limiter; a new period or a forgotten holder starts from nothing.
   */
  apply(
    sent: { sentFree: number; sentPeriod: number | null },
    reply: SyncResult,
    budget: number | null,
    now: number,
  ) {
    const during = this.free - sent.sentFree;
    const fresh = reply.reset || reply.budget.periodStart !== sent.sentPeriod;
    this.free = (fresh ? 0 : Math.max(0, sent.sentFree)) + during + reply.granted.usd;
    this.validUntil = now + reply.ttlMs - VALIDITY_MARGIN_MS;
    this.periodStart = reply.budget.periodStart;
    this.periodEndsAt = reply.budget.endsInMs === null ? null : now + reply.budget.endsInMs;
    this.spent = reply.budget.spent;
    this.reserved = reply.budget.reserved;
    this.spentOut = budget !== null && reply.budget.spent >= budget;
    if (reply.granted.usd > 0) this.blockedUntil = 0;
  }

  private refusal(now: number) {
    return { retryAfterMs: Math.max(BUDGET_RECHECK_MS, this.blockedUntil - now), spent: this.spentOut };
  }
}
