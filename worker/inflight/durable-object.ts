// Owns the in-flight registry shard: the running requests of the isolates that hash to it, in memory only.
import { DurableObject } from 'cloudflare:workers';
import { type Env, loadSettings } from '../env';
import { RegistryCore } from './registry-state';
import { type InFlightRpc, type ListedEntry, parseSync, type SyncResult } from './schemas';

/**
 * One instance per shard (`env.IN_FLIGHT.idFromName('shard-N')`). Nothing is persisted: the state is
 * seconds old by nature, and after a restart every isolate resends its whole set on its next sync.
 */
export class InFlightRegistry extends DurableObject<Env> implements InFlightRpc {
  clock: () => number = () => Date.now();
  private readonly core: RegistryCore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // Five missed syncs (and at least 10 s) and an isolate is taken for gone.
    this.core = new RegistryCore(Math.max(10_000, 5 * loadSettings(env).INFLIGHT_SYNC_MS));
  }

  sync(input: unknown): SyncResult {
    return this.core.sync(parseSync(input), this.clock());
  }

  list(): ListedEntry[] {
    return this.core.list(this.clock());
  }

  cancel(traceId: string, reason: string): boolean {
    if (typeof traceId !== 'string' || traceId.length > 100) return false;
    return this.core.cancel(traceId, String(reason).slice(0, 300), this.clock());
  }
}
