// Owns the Limiter Durable Object: one per scope (a key, a user under a key, a model), state in storage.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';
import { emptyState, LimiterCore, storedStateSchema } from './core';
import {
  type LimiterRpc,
  parseInput,
  type ScopeUsage,
  type SettleItem,
  type SyncInput,
  type SyncResult,
  scopeLimitsSchema,
  settleSchema,
  syncSchema,
} from './schemas';
import type { ScopeLimits } from './types';

const STATE_KEY = 'state';

/**
 * `env.LIMITER.idFromName('key:<id>' | 'user:<id>:<hash>' | 'model:<name>')`. Instances call it only
 * to renew or resize their slices (never on every request); the consumer calls it once per batch to
 * settle. State is small and written whole after every change (synchronous SQLite storage, so a reply
 * is never sent before its write is durable): a restart forgets nothing that was granted.
 */
export class Limiter extends DurableObject<Env> implements LimiterRpc {
  /** The time source; tests replace it (via `runInDurableObject`) to move through windows. */
  clock: () => number = () => Date.now();
  private readonly core: LimiterCore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const stored = storedStateSchema.safeParse(ctx.storage.kv.get(STATE_KEY));
    this.core = new LimiterCore(stored.success ? stored.data : emptyState());
  }

  sync(input: SyncInput): SyncResult {
    const result = this.core.sync(parseInput(syncSchema, input, 'sync'), this.clock());
    this.save();
    return result;
  }

  settle(items: SettleItem[]): void {
    this.core.settle(parseInput(settleSchema, items, 'settle'), this.clock());
    this.save();
  }

  usage(limits: ScopeLimits | null): ScopeUsage {
    const parsed = limits === null ? null : parseInput(scopeLimitsSchema, limits, 'limits');
    return this.core.usage(parsed, this.clock());
  }

  private save(): void {
    if (this.core.isIdle) this.ctx.storage.kv.delete(STATE_KEY);
    else this.ctx.storage.kv.put(STATE_KEY, this.core.state);
  }
}
