// Owns this isolate's side of the in-flight registry: running requests, batched syncs to its shard, cancels.
import type { Env } from '../env';
import { loadSettings } from '../env';
import { CancelledError } from '../lib/cancellation';
import { withTimeout } from '../lib/timing';
import type { InFlightEntry, InFlightRpc, SyncInput, SyncResult } from './schemas';

const MAX_PER_SYNC = 2000;
const SYNC_TIMEOUT_MS = 3000;

export interface RunningRequest {
  /** Aborts when an admin cancels the request. */
  signal: AbortSignal;
  /** The request ended (any way): it leaves the registry with the next sync. */
  finish(): void;
}

interface Local {
  entry: InFlightEntry;
  controller: AbortController;
  announced: boolean;
  done: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  wake: () => void;
  woken: Promise<void>;
  onCancel: (reason: string) => void;
}

/** The slice of the IN_FLIGHT binding the tracker needs. */
export interface InFlightBinding {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): { sync(input: SyncInput): Promise<SyncResult> };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The name of the shard object an isolate reports to. */
export function shardName(index: number): string {
  return `shard-${index}`;
}

/**
 * Registration costs a map insert: no Durable Object call before the upstream call. While this isolate
 * has requests running, one of them syncs with the shard every `syncMs` (new and finished requests in
 * one batch, cancels back in the answer); each request checks for its own cancel in its own context.
 * A request shorter than one interval never reaches the registry.
 */
export class InFlightTracker {
  readonly isolate = crypto.randomUUID();
  private readonly running = new Map<string, Local>();
  private readonly cancels = new Map<string, string>();
  private removed: string[] = [];
  private known = false;
  private syncing = false;
  private lastSync = 0;
  private warnedAt = 0;

  constructor(
    private readonly binding: InFlightBinding,
    private readonly shards: number,
    readonly syncMs: number,
  ) {}

  track(entry: InFlightEntry, onCancel: (reason: string) => void, waitUntil: (p: Promise<unknown>) => void) {
    let wake = () => {};
    const woken = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const local: Local = {
      entry,
      controller: new AbortController(),
      announced: false,
      done: false,
      timer: null,
      wake,
      woken,
      onCancel,
    };
    this.running.set(entry.trace_id, local);
    waitUntil(this.watch(local));
    return { signal: local.controller.signal, finish: () => this.finish(local) } satisfies RunningRequest;
  }

  /** A cancel for a request of this isolate; applied by the request itself at its next check. */
  cancelLocal(traceId: string, reason: string): boolean {
    if (!this.running.has(traceId)) return false;
    this.cancels.set(traceId, reason);
    return true;
  }

  private finish(local: Local): void {
    if (local.done) return;
    local.done = true;
    const id = local.entry.trace_id;
    this.running.delete(id);
    this.cancels.delete(id);
    if (local.announced) this.removed.push(id);
    if (local.timer !== null) clearTimeout(local.timer);
    local.wake();
  }

  private async watch(local: Local): Promise<void> {
    while (!local.done) {
      await Promise.race([
        local.woken,
        new Promise<void>((resolve) => {
          local.timer = setTimeout(resolve, this.syncMs);
        }),
      ]);
      if (local.done) break;
      if (!this.syncing && Date.now() - this.lastSync >= this.syncMs * 0.9) await this.sync();
      this.applyCancel(local);
    }
    // The last running request carries the removals: no other watcher is left to send them.
    if (this.removed.length > 0 && this.running.size === 0 && !this.syncing) await this.sync();
  }

  private applyCancel(local: Local): void {
    const reason = this.cancels.get(local.entry.trace_id);
    if (reason === undefined || local.controller.signal.aborted) return;
    local.onCancel(reason);
    local.controller.abort(new CancelledError(reason));
  }

  private async sync(): Promise<void> {
    this.syncing = true;
    this.lastSync = Date.now();
    const full = !this.known;
    const pending = [...this.running.values()].filter((l) => full || !l.announced).slice(0, MAX_PER_SYNC);
    const removed = full ? [] : this.removed.slice(0, MAX_PER_SYNC);
    this.removed = full ? [] : this.removed.slice(removed.length);
    const input: SyncInput = { isolate: this.isolate, full, added: pending.map((l) => l.entry), removed };
    try {
      const stub = this.binding.get(this.binding.idFromName(shardName(hash(this.isolate) % this.shards)));
      const result = await withTimeout(
        stub.sync(input),
        SYNC_TIMEOUT_MS,
        'in-flight registry did not answer',
      );
      for (const l of pending) l.announced = true;
      this.known = !result.resync;
      for (const c of result.cancel) if (this.running.has(c.trace_id)) this.cancels.set(c.trace_id, c.reason);
    } catch (err) {
      // Resend the whole set next time: the shard's view of this isolate is now unknown.
      this.known = false;
      if (Date.now() - this.warnedAt > 60_000) {
        this.warnedAt = Date.now();
        console.warn('in-flight registry sync failed; listing and cancel may lag', err);
      }
    } finally {
      this.syncing = false;
    }
  }
}

const trackers = new WeakMap<object, InFlightTracker>();

/** This isolate's tracker for the env's registry, or null when the binding is absent. */
export function trackerFor(env: Env): InFlightTracker | null {
  const binding: InFlightBinding | undefined = env.IN_FLIGHT;
  if (!binding) return null;
  let tracker = trackers.get(binding);
  if (!tracker) {
    const settings = loadSettings(env);
    tracker = new InFlightTracker(binding, settings.INFLIGHT_SHARDS, settings.INFLIGHT_SYNC_MS);
    trackers.set(binding, tracker);
  }
  return tracker;
}

/** The shard stubs an admin lists or cancels across (every isolate reports to one of them). */
export function shardStubs(env: Env): DurableObjectStub<InFlightRpc>[] {
  const ns = env.IN_FLIGHT;
  if (!ns) return [];
  const shards = loadSettings(env).INFLIGHT_SHARDS;
  return Array.from({ length: shards }, (_, i) => ns.get(ns.idFromName(shardName(i))));
}
