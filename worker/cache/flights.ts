// Owns identical requests in flight in one isolate: the first goes upstream, the others wait for its answer.
import type { CacheEntry } from './entry';

/**
 * One upstream call that identical requests share. Only plain data crosses requests: a follower never
 * touches the leader's streams or promises (workerd refuses I/O across requests, and a promise of a
 * request that ended would strand its waiters), it looks at the flight on its own timers.
 */
export interface Flight {
  state: 'running' | 'done' | 'failed';
  entry: CacheEntry | null;
  /** The leader's deadline: a flight still running past it lost its leader (killed without landing). */
  expiresAt: number;
}

/** How often a waiting request looks again: soon at first, then less often for long answers. */
const FIRST_POLL_MS = 5;
const MAX_POLL_MS = 25;

const flights = new Map<string, Flight>();
/** Past this many, flights whose leader died without landing are dropped (they would never be joined again). */
const MAX_FLIGHTS = 1000;

function sweep(): void {
  const now = Date.now();
  for (const [key, flight] of flights) {
    if (flight.state === 'running' && now > flight.expiresAt) flights.delete(key);
  }
}

/**
 * Leads a new flight for `key` (until `deadline`, epoch ms), or joins the one running (or landed,
 * while its answer is being stored).
 */
export function joinFlight(key: string, deadline: number): { leader: boolean; flight: Flight } {
  if (flights.size > MAX_FLIGHTS) sweep();
  const current = flights.get(key);
  if (current && !(current.state === 'running' && Date.now() > current.expiresAt))
    return { leader: false, flight: current };
  const flight: Flight = { state: 'running', entry: null, expiresAt: deadline };
  flights.set(key, flight);
  return { leader: true, flight };
}

/**
 * Ends a flight the caller leads: with the answer for its followers, or null when there is none to
 * share. A landed answer stays joinable until `releaseFlight`, so a request arriving while it is
 * still being written to storage gets it too.
 */
export function landFlight(key: string, flight: Flight, entry: CacheEntry | null): void {
  if (flight.state !== 'running') return;
  flight.state = entry ? 'done' : 'failed';
  flight.entry = entry;
  if (!entry) releaseFlight(key, flight);
}

/**
 * Waits for the flight's answer, at most `timeoutMs` and no longer than `signal` (the waiting client)
 * lasts; null when the flight failed, or the wait ended first.
 */
export async function awaitFlight(
  flight: Flight,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<CacheEntry | null> {
  const started = Date.now();
  while (flight.state === 'running' && !signal?.aborted && Date.now() <= flight.expiresAt) {
    const waited = Date.now() - started;
    if (waited >= timeoutMs) break;
    const pause = Math.min(MAX_POLL_MS, FIRST_POLL_MS + waited / 20, timeoutMs - waited);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
  return flight.state === 'done' ? flight.entry : null;
}

/** Forgets a landed flight once storage has its answer. */
export function releaseFlight(key: string, flight: Flight): void {
  if (flights.get(key) === flight) flights.delete(key);
}

/** Flights running or landing in this isolate (tests and diagnostics). */
export function flightCount(): number {
  return flights.size;
}
