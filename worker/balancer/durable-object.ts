// Owns the per-model balancing state: round-robin cursors, health windows, cooldowns and probes.
import { DurableObject } from 'cloudflare:workers';
import { type Env, loadSettings } from '../env';
import { type AttemptOutcome, bucketWidth, healthConfig } from './health';
import {
  type BalancerRpc,
  type BalancerSnapshot,
  outcomesSchema,
  type PlanRequest,
  type PlanResult,
  parseInput,
  planRequestSchema,
  resetSchema,
} from './schemas';
import { BalancerCore, StateChanges } from './state';

/** Storage calls take at most 128 keys. */
const STORAGE_BATCH = 128;
/** On-access sweeps run at most this often; the alarm catches objects nobody calls any more. */
const SWEEP_EVERY_MS = 60_000;

/**
 * One instance per requested model (`env.BALANCER.idFromName(model)`). State lives in memory, loaded
 * once from SQLite-backed storage before the first call; `plan` answers from memory and persists its
 * cursor move without holding the reply (`allowUnconfirmed`: losing one rotation step in a crash is
 * harmless), while `report` and `reset` wait for their writes.
 */
export class ModelBalancer extends DurableObject<Env> implements BalancerRpc {
  /** The time source; tests replace it (via `runInDurableObject`) to move through windows. */
  clock: () => number = () => Date.now();
  private readonly core: BalancerCore;
  private alarmAt: number | null = null;
  private lastSweep = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.core = new BalancerCore(healthConfig(loadSettings(env)));
    void ctx.blockConcurrencyWhile(async () => {
      this.core.load(ctx.storage.kv.list());
      this.alarmAt = await ctx.storage.getAlarm();
    });
  }

  /** Orders the candidates for one request; the hot path's only call. */
  plan(input: PlanRequest): PlanResult {
    const request = parseInput(planRequestSchema, input, 'plan request');
    const now = this.clock();
    const changes = this.housekeeping(now);
    const result = this.core.plan(request, now, changes);
    this.persist(changes, false).catch((err: unknown) => {
      console.error('balancer: persisting a plan failed', err);
    });
    return result;
  }

  /** Records what happened to each link tried for one request (called from `waitUntil`). */
  async report(outcomes: AttemptOutcome[]): Promise<void> {
    const parsed = parseInput(outcomesSchema, outcomes, 'outcomes');
    const now = this.clock();
    const changes = this.core.report(parsed, now, this.housekeeping(now));
    await this.persist(changes, true);
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
