// Owns slowing down repeated failed gateway-key authentication from one client IP (per isolate).
import { sleep } from '../lib/timing';

/** Failures an IP may have in a window before its refusals are delayed. */
export const FREE_FAILURES = 20;
const WINDOW_MS = 60_000;
const STEP_MS = 50;
export const MAX_DELAY_MS = 2000;
const MAX_TRACKED = 10_000;

interface Failures {
  count: number;
  since: number;
}

const byIp = new Map<string, Failures>();

/**
 * Records a failed authentication and returns how long to hold its 401: nothing for the first
 * FREE_FAILURES in a minute, then 50 ms more per failure up to MAX_DELAY_MS. A spray of random keys
 * from one address gets slower; a client with one mistyped key is not noticeably affected.
 */
export function failureDelay(ip: string, now = Date.now()): number {
  let f = byIp.get(ip);
  if (!f || now - f.since > WINDOW_MS) {
    f = { count: 0, since: now };
    if (byIp.size >= MAX_TRACKED) byIp.clear();
    byIp.set(ip, f);
  }
  f.count++;
  return Math.min(MAX_DELAY_MS, Math.max(0, f.count - FREE_FAILURES) * STEP_MS);
}

/** Holds a refusal for the IP's current delay (the Worker waits; no CPU is spent). */
export async function slowDownFailure(ip: string): Promise<void> {
  const delay = failureDelay(ip);
  if (delay > 0) await sleep(delay);
}
