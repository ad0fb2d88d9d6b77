// Owns the registry's pure core: running requests per isolate, pending cancels, and forgetting silent isolates.
import type { InFlightEntry, ListedEntry, SyncInput, SyncResult } from './schemas';

interface IsolateState {
  entries: Map<string, InFlightEntry>;
  lastSeen: number;
}

export class RegistryCore {
  private readonly isolates = new Map<string, IsolateState>();
  private readonly cancels = new Map<string, string>();

  /** @param staleMs an isolate not heard from for this long has died or gone idle: its requests go. */
  constructor(private readonly staleMs: number) {}

  sync(input: SyncInput, now: number): SyncResult {
    this.prune(now);
    let state = this.isolates.get(input.isolate);
    if (!state && !input.full) {
      // Deltas against a set this object never saw (it restarted): ask for the whole set.
      return { cancel: [], resync: true };
    }
    if (!state || input.full) {
      state = { entries: new Map(), lastSeen: now };
      this.isolates.set(input.isolate, state);
    }
    state.lastSeen = now;
    for (const e of input.added) state.entries.set(e.trace_id, e);
    for (const id of input.removed) {
      state.entries.delete(id);
      this.cancels.delete(id);
    }
    if (state.entries.size === 0) this.isolates.delete(input.isolate);
    const cancel: SyncResult['cancel'] = [];
    for (const id of state.entries.keys()) {
      const reason = this.cancels.get(id);
      if (reason !== undefined) cancel.push({ trace_id: id, reason });
    }
    return { cancel, resync: false };
  }

  list(now: number): ListedEntry[] {
    this.prune(now);
    const out: ListedEntry[] = [];
    for (const [isolate, state] of this.isolates) {
      for (const e of state.entries.values()) {
        out.push({ ...e, isolate, cancel_requested: this.cancels.has(e.trace_id) });
      }
    }
    return out;
  }

  /** Marks a running request for cancellation; false when no isolate has it. */
  cancel(traceId: string, reason: string, now: number): boolean {
    this.prune(now);
    for (const state of this.isolates.values()) {
      if (state.entries.has(traceId)) {
        this.cancels.set(traceId, reason);
        return true;
      }
    }
    return false;
  }

  private prune(now: number): void {
    for (const [isolate, state] of this.isolates) {
      if (now - state.lastSeen <= this.staleMs) continue;
      for (const id of state.entries.keys()) this.cancels.delete(id);
      this.isolates.delete(isolate);
    }
  }
}
