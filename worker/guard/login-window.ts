// Owns the login throttle's math: a sliding window of failed attempts per client IP and per user name.

export interface ThrottlePolicy {
  windowMs: number;
  /** Failed logins allowed per window from one client IP before it must wait. */
  perIp: number;
  /** Failed logins allowed per window for one user name, from anywhere (a spread-out guess). */
  perUser: number;
}

export const DEFAULT_THROTTLE: ThrottlePolicy = { windowMs: 15 * 60_000, perIp: 10, perUser: 50 };

/** Timestamps (epoch ms) of recent failures, oldest first; never longer than the limit that reads it. */
export type FailureLog = number[];

/** The failures still inside the window. */
export function recent(log: FailureLog, now: number, windowMs: number): FailureLog {
  const from = now - windowMs;
  let i = 0;
  while (i < log.length && (log[i] as number) <= from) i++;
  return i === 0 ? log : log.slice(i);
}

/** How long until another attempt is allowed under `limit` (0 = now). */
export function waitMs(log: FailureLog, limit: number, now: number, windowMs: number): number {
  const kept = recent(log, now, windowMs);
  if (kept.length < limit) return 0;
  // The attempt that frees a slot: the oldest failure that must leave the window.
  const oldest = kept[kept.length - limit] as number;
  return Math.max(1, oldest + windowMs - now);
}

/** The log with one more failure, trimmed to the last `limit` entries inside the window. */
export function withFailure(log: FailureLog, limit: number, now: number, windowMs: number): FailureLog {
  const kept = [...recent(log, now, windowMs), now];
  return kept.length > limit ? kept.slice(kept.length - limit) : kept;
}
