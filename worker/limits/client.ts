// Owns this instance's side of the limiters: its leases, syncs (one at a time per scope), refresh and release.
import { sleep, withTimeout } from '../lib/timing';
import type { Check, Need, SentSync } from './lease';
import { ScopeLease } from './lease';
import type { SettleItem, SyncInput, SyncResult } from './schemas';
import type { ScopeLimits } from './types';

/** While a request holds a slot or a budget slice, its instance renews the lease this often. */
export const KEEPALIVE_MS = 10_000;
/** An idle instance gives back what it holds after this long without a request. */
export const LINGER_MS = 2_000;
/** A lingering request waits at most this long (well inside waitUntil's ~30 s after the response). */
const MAX_LINGER_MS = 20_000;
/** A sync still marked running after this long is taken for lost (its request context went away). */
const STALE_SYNC_FACTOR = 3;
const POLL_MS = 2;
const MAX_LEASES = 10_000;

/** The slice of the `LIMITER` binding the client needs (tests hand in wrappers: one per "isolate"). */
export interface LimiterBinding {
  idFromName(name: string): DurableObjectId;
  get(id: DurableObjectId): {
    sync(input: SyncInput): Promise<SyncResult>;
    settle(items: SettleItem[]): Promise<void>;
  };
}

export interface ClientOptions {
  /** How long a request waits for a limiter before its fail mode decides. */
  deadlineMs: number;
  clock?: () => number;
}

export type SyncOutcome = 'ok' | 'failed';

/** One instance's leases over one `LIMITER` binding. */
export class LimiterClient {
  readonly isolate = crypto.randomUUID();
  private readonly leases = new Map<string, ScopeLease>();
  private warnedAt = 0;
  readonly clock: () => number;
  /** Admissions that waited on a limiter (a new or used-up slice) and syncs run in the background. */
  readonly stats = { waited: 0, background: 0 };

  constructor(
    private readonly binding: LimiterBinding,
    readonly options: ClientOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /** The lease of a scope, created on first use; its limits follow the config. */
  lease(name: string, limits: ScopeLimits): ScopeLease {
    let lease = this.leases.get(name);
    if (!lease) {
      if (this.leases.size >= MAX_LEASES) this.evictIdle();
      lease = new ScopeLease(name, limits);
      this.leases.set(name, lease);
    } else lease.limits = limits;
    return lease;
  }

  /**
   * Checks `need` against the lease, asking the limiter when the slice does not cover it. Waits for a
   * sync another request already started (by polling: a request never awaits another's promise).
   * 'failed' means the limiter could not be asked in time; the caller's fail mode decides.
   */
  async check(lease: ScopeLease, need: Need): Promise<Check | 'failed'> {
    const deadline = this.clock() + this.options.deadlineMs;
    let synced = false;
    let counted = false;
    for (;;) {
      const result = lease.check(need, this.clock(), synced);
      if (result.ok || !('sync' in result)) return result;
      if (!counted) {
        counted = true;
        this.stats.waited++;
      }
      if (this.busy(lease)) {
        if (this.clock() >= deadline) return 'failed';
        await sleep(POLL_MS);
        continue;
      }
      if ((await this.syncThenRelease(lease, need)) === 'failed') return 'failed';
      synced = true;
    }
  }

  /** Tops up the lease in the background when it runs low (after an admission, off the hot path). */
  refresh(lease: ScopeLease, need: Need, waitUntil: (p: Promise<unknown>) => void): void {
    if (this.busy(lease) || !lease.wantsRefresh(this.clock(), need.usd)) return;
    this.stats.background++;
    waitUntil(this.syncThenRelease(lease, need));
  }

  /** Keeps a held slot or budget slice alive while its request runs (a long stream outlives a lease). */
  async watch(lease: ScopeLease, done: Promise<unknown>): Promise<void> {
    let finished = false;
    let wake = () => {};
    void done.then(() => {
      finished = true;
      wake();
    });
    while (!finished) {
      // One timer per running request, cleared the moment it ends (none is left behind).
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, KEEPALIVE_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (finished) break;
      if (this.clock() - lease.lastSyncAt >= KEEPALIVE_MS && !this.busy(lease))
        await this.sync(lease, null, false);
    }
  }

  /**
   * After a request ended: spare slots go back at once when slots are tight; whatever is held goes back
   * once the instance has been idle for LINGER_MS, so other instances can use it.
   */
  async afterFinish(lease: ScopeLease): Promise<void> {
    // Real tokens above the estimate: tell the limiter now, so other instances see the window as it is.
    if (lease.owesTokens() && !this.busy(lease)) await this.sync(lease, null, false);
    if (lease.tight && lease.slots > lease.inFlight) {
      if (this.busy(lease)) lease.releaseWanted = true;
      else await this.sync(lease, null, false);
    }
    await this.linger(lease);
  }

  /** Runs one sync with the scope's limiter; at most one per lease at a time. */
  async sync(lease: ScopeLease, need: Need | null, release: boolean): Promise<SyncOutcome> {
    const now = this.clock();
    const exclusive = lease.syncingSince === null;
    lease.syncingSince = now;
    const sent = lease.prepare(this.isolate, need, release, exclusive, now);
    try {
      const reply = await this.call(lease.name, sent, this.options.deadlineMs);
      lease.apply(sent, reply, this.clock());
      return 'ok';
    } catch (err) {
      lease.restore(sent);
      this.warn(lease.name, err);
      return 'failed';
    } finally {
      if (lease.syncingSince === now) lease.syncingSince = null;
    }
  }

  /** Runs one sync, then the release another request asked for while it was in flight. */
  private async syncThenRelease(lease: ScopeLease, need: Need | null): Promise<SyncOutcome> {
    const outcome = await this.sync(lease, need, false);
    if (lease.releaseWanted && !this.busy(lease)) {
      lease.releaseWanted = false;
      if (lease.tight && lease.slots > lease.inFlight) await this.sync(lease, null, false);
    }
    return outcome;
  }

  /**
   * One request per lease waits for the instance to go idle (others return at once), for at most
   * MAX_LINGER_MS: a lease never given back is forgotten by its limiter after HOLDER_TTL_MS anyway.
   */
  private async linger(lease: ScopeLease): Promise<void> {
    if (lease.inFlight > 0 || lease.lingering) return;
    lease.lingering = true;
    try {
      const until = this.clock() + MAX_LINGER_MS;
      for (;;) {
        const idleFor = this.clock() - lease.lastActiveAt;
        if (idleFor >= LINGER_MS) break;
        if (this.clock() + LINGER_MS - idleFor > until) return;
        await sleep(LINGER_MS - idleFor);
      }
      if (lease.inFlight === 0 && lease.holdsSpare() && !this.busy(lease)) await this.sync(lease, null, true);
    } finally {
      lease.lingering = false;
    }
  }

  private busy(lease: ScopeLease): boolean {
    const since = lease.syncingSince;
    return since !== null && this.clock() - since < this.options.deadlineMs * STALE_SYNC_FACTOR;
  }

  private call(name: string, sent: SentSync, deadlineMs: number): Promise<SyncResult> {
    const stub = this.binding.get(this.binding.idFromName(name));
    return withTimeout(stub.sync(sent.input), deadlineMs, `limiter did not answer within ${deadlineMs} ms`);
  }

  private evictIdle(): void {
    for (const [name, lease] of this.leases) {
      if (lease.inFlight === 0 && !lease.holdsSpare() && lease.syncingSince === null)
        this.leases.delete(name);
    }
  }

  private warn(name: string, err: unknown): void {
    const now = this.clock();
    if (now - this.warnedAt < 60_000) return;
    this.warnedAt = now;
    console.warn(
      `limiter ${name.split(':')[0]} unavailable: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

const clients = new WeakMap<object, LimiterClient>();

/** This instance's client for a binding (one per isolate in production; tests wrap bindings to get more). */
export function limiterClient(binding: LimiterBinding, options: ClientOptions): LimiterClient {
  let client = clients.get(binding);
  if (!client) {
    client = new LimiterClient(binding, options);
    clients.set(binding, client);
  }
  return client;
}
