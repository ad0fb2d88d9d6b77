// Owns the per-model balancing state: round-robin cursors, health windows, cooldowns and pauses.
import { DurableObject } from 'cloudflare:workers';
import type { Env } from '../env';

/** One Durable Object per requested model; the routing issue fills in its RPC methods. */
export class ModelBalancer extends DurableObject<Env> {
  async ping(): Promise<string> {
    return 'ok';
  }
}
