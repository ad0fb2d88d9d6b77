// Owns the per-model health state every isolate's replica plans from: windows, cooldowns and probe grants.
import { DurableObject } from 'cloudflare:workers';
import { type Env, loadSettings } from '../env';
import { type AttemptOutcome, bucketWidth, healthConfig } from './health';
import {
  type BalancerRpc,
  type BalancerSnapshot,
  outcomesSchema,
  parseInput,
  type ReplicaSync,
  resetSchema,
} from './schemas';
import { BalancerCore, StateChanges } from './state';

/** Storage calls take at most 128 keys. */
const STORAGE_BATCH = 128;
/** On-access sweeps run at most this often; the alarm catches objects nobody calls any more. */
const SWEEP_EVERY_MS = 60_000;

/**
 * One instance per requested model (`env.BALANCER.idFromName(model)`). It is off the hot path: each
 * isolate plans from its own replica (balancer/replica.ts) and calls `sync` in the background, at most
 * once per BALANCER_SYNC_MS while idle and with every batch of outcomes while busy. State lives in
 * memory, loaded once from SQLite-backed storage before the first call; outcomes wait for their
 * writes, a probe grant does not (`allowUnconfirmed`: losing one in a crash only delays a probe).
 */
export class ModelBalancer extends DurableObject<Env> implements BalancerRpc {
  /** The time source; tests replace it (via `runInDurableObject`) to move through windows. */
  clock: () => number = () => Date.now();
  private readonly core: BalancerCore;
  private alarmAt: number | null = null;
  private lastSweep = 0;
  /** Bench-only: answers wait this long, to show the hot path does not (BALANCER_BENCH_DELAY_MS). */
  private readonly benchDelayMs: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const settings = loadSettings(env);
    this.core = new BalancerCore(healthConfig(settings));
    this.benchDelayMs = settings.BALANCER_BENCH_DELAY_MS;
    void ctx.blockConcurrencyWhile(async () => {
      this.core.load(ctx.storage.kv.list());
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /**
   * Records a batch of outcomes (none for a plain refresh) and answers with what replicas plan from:
   * the links to avoid and, to this caller only, a due half-open probe. Called from `waitUntil`.
   */
  sync(outcomes: AttemptOutcome[] = []): Promise<ReplicaSync> {
    // Checked before any await: a bad argument is the caller's error, not an unhandled rejection here.
    return this.syncParsed(parseInput(outcomesSchema, outcomes, 'outcomes'));
  }

  private async syncParsed(parsed: AttemptOutcome[]): Promise<ReplicaSync> {
    if (this.benchDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.benchDelayMs));
    const now = this.clock();
    const changes = this.core.report(parsed, now, this.housekeeping(now));
    const state = this.core.replicaState(now, changes);
    const written = this.persist(changes, parsed.length > 0);
    if (parsed.length > 0) await written;
    else written.catch((err: unknown) => console.error('balancer: persisting a probe grant failed', err));
    return state;
  }

  /** Health per link for the admin model detail. */
  snapshot(): BalancerSnapshot {
    return this.core.snapshot(this.clock());
  }

  /** Forgets one link's health, or all of this model's state when no id is given. */
  async reset(linkId?: number): Promise<void> {
    const id = parseInput(resetSchema, linkId, 'link id');
    const changes = this.core.reset(id);
    if (id === undefined) {
      // Everything is gone, alarm included; storage of an empty object costs nothing.
      await this.ctx.storage.deleteAll();
      this.alarmAt = null;
      return;
    }
    await this.persist(changes, true);
  }

  override async alarm(): Promise<void> {
    const now = this.clock();
    this.alarmAt = null;
    const changes = this.core.sweep(now);
    this.lastSweep = now;
    if (this.core.isEmpty) {
      await this.ctx.storage.deleteAll();
      return;
    }
    await this.persist(changes, true);
  }

  private housekeeping(now: number): StateChanges {
    const changes = new StateChanges();
    if (now - this.lastSweep < Math.min(SWEEP_EVERY_MS, this.core.config.windowMs)) return changes;
    this.lastSweep = now;
    return this.core.sweep(now, changes);
  }

  private async persist(changes: StateChanges, confirm: boolean): Promise<void> {
    const options = { allowUnconfirmed: !confirm };
    const writes: Promise<unknown>[] = [];
    const puts = [...changes.puts];
    for (let i = 0; i < puts.length; i += STORAGE_BATCH) {
      writes.push(this.ctx.storage.put(Object.fromEntries(puts.slice(i, i + STORAGE_BATCH)), options));
    }
    const deletes = [...changes.deletes];
    for (let i = 0; i < deletes.length; i += STORAGE_BATCH) {
      writes.push(this.ctx.storage.delete(deletes.slice(i, i + STORAGE_BATCH), options));
    }
    if (this.alarmAt === null && !this.core.isEmpty) {
      // Wake up once everything recorded so far has aged out of the window, to sweep it. Alarms run
      // on wall time, whatever clock the state uses.
      this.alarmAt = Date.now() + this.core.config.windowMs + bucketWidth(this.core.config);
      writes.push(this.ctx.storage.setAlarm(this.alarmAt, options));
    }
    await Promise.all(writes);
  }
}
