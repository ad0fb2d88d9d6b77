// Owns the admin's view of running requests: list them across every shard, and cancel one wherever it runs.
import type { Env } from '../env';
import type { ListedEntry } from './schemas';
import { shardStubs, trackerFor } from './tracker';

/** Every running request the registry knows of, oldest first (a request joins it after one sync interval). */
export async function listInFlight(env: Env): Promise<ListedEntry[]> {
  const lists = await Promise.all(shardStubs(env).map((s) => s.list()));
  const byTrace = new Map<string, ListedEntry>();
  for (const list of lists) for (const e of list) byTrace.set(e.trace_id, e);
  return [...byTrace.values()].sort((a, b) => a.started_at - b.started_at);
}

/**
 * Asks for a request to be cancelled. This isolate's own requests are marked directly; others learn it
 * from their shard at their next sync. False when no isolate has the request (finished, or unknown).
 */
export async function cancelInFlight(env: Env, traceId: string, reason: string): Promise<boolean> {
  const local = trackerFor(env)?.cancelLocal(traceId, reason) ?? false;
  const remote = await Promise.all(shardStubs(env).map((s) => s.cancel(traceId, reason)));
  return local || remote.some(Boolean);
}
