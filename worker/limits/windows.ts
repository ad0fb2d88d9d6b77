// Owns the calendar arithmetic of limits: UTC minute windows, budget periods and the reset durations shown.
import type { BudgetPeriod } from './types';

export const MINUTE_MS = 60_000;

/** Start of the UTC minute holding `now` (epoch ms). */
export function minuteStart(now: number): number {
  return now - (now % MINUTE_MS);
}

/** Start of the budget period holding `now`: the UTC day, the UTC month, or 0 for `total`. */
export function periodStart(period: BudgetPeriod, now: number): number {
  if (period === 'total') return 0;
  const d = new Date(now);
  if (period === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** End (exclusive) of the budget period holding `now`, or null for `total`. */
export function periodEnd(period: BudgetPeriod, now: number): number | null {
  if (period === 'total') return null;
  const d = new Date(now);
  if (period === 'day') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** A duration the way OpenAI writes `x-ratelimit-reset-*`: `17ms`, `1.5s`, `6m0s`. */
export function formatReset(ms: number): string {
  const clamped = Math.max(0, Math.ceil(ms));
  if (clamped < 1000) return `${clamped}ms`;
  const seconds = clamped / 1000;
  if (seconds < 60) return `${Number(seconds.toFixed(3))}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${Number((seconds - minutes * 60).toFixed(3))}s`;
}

/** Whole seconds for `retry-after`, at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
