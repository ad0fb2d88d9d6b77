// Owns an isolate's replica of one model's balancer state: synced link health, local rotation, a granted probe.
import { planOrder } from '../routing/plan';
import type { Cursor, LinkStatus } from '../routing/plan-types';
import { type AttemptOutcome, classifyStatus, cooldownMs, type HealthConfig } from './health';
import type { PlanRequest, PlanResult, ReplicaSync } from './schemas';

/**
 * What one isolate knows of a model's balancing, planned from without a round trip (SPEC §14):
 * - link health (degraded, failure rate, cooldown) as the `ModelBalancer` last said, kept while it is
 *   at most one health window old, so an unreachable object does not wipe the ordering;
 * - its own smooth weighted round-robin cursors, started at a random phase so isolates do not move in
 *   lockstep: each isolate is exact over every cycle of the weights, so the aggregate is too;
 * - at most one half-open probe, granted by the object to exactly one isolate per probe interval;
 * - cooldowns from this isolate's own Retry-After answers, applied at once (the object hears of them
 *   with the next report).
 */
export class BalancerReplica {
  private links = new Map<number, LinkStatus>();
  private readonly localCooldowns = new Map<number, number>();
  private readonly cursors = new Map<string, Cursor>();
  private probe: number | null = null;
  private phased = false;
  /** Epoch ms of the last state received from the object; null before the first. */
  syncedAt: number | null = null;
  /** Epoch ms of the last sync this isolate started (successful or not); null before the first. */
  attemptedAt: number | null = null;
  /** The background sync in flight, started by one request and never awaited by another. */
  syncing: Promise<void> | null = null;

  constructor(
    private readonly config: HealthConfig,
    private readonly random: () => number = Math.random,
  ) {}

  /** Whether the replica has heard from the object within `maxAgeMs`. */
  isFresh(now: number, maxAgeMs: number): boolean {
    return this.syncedAt !== null && now - this.syncedAt < maxAgeMs;
  }

  /** Takes the object's state: link health replaces what was known, and a probe grant is kept for one plan. */
  apply(sync: ReplicaSync, now: number): void {
    this.links = new Map(
      sync.links.map((l) => [
        l.linkId,
        {
          degraded: l.degraded,
          failureRate: l.failureRate,
          cooldownUntil: l.cooldownUntil,
          probeDueSince: null,
        },
      ]),
    );
    if (sync.probe !== null) this.probe = sync.probe;
    this.syncedAt = now;
  }

  /** Notes this isolate's own outcomes: a Retry-After cools the link down here at once. */
  observe(outcomes: readonly AttemptOutcome[], now: number): void {
    for (const o of outcomes) {
      if (classifyStatus(o.status) === 'success') this.localCooldowns.delete(o.linkId);
      const ms = cooldownMs(o.status, o.retryAfterMs, this.config);
      if (ms !== null)
        this.localCooldowns.set(o.linkId, Math.max(this.localCooldowns.get(o.linkId) ?? 0, now + ms));
    }
  }

  /** Orders the candidates from the replica; moves only this isolate's cursors. */
  plan(request: PlanRequest, now: number): PlanResult {
    const links = this.statuses(request, now);
    // A fresh replica starts its rotation at a random point of the cycle: otherwise every new isolate
    // sends its first requests to the same (heaviest) link together.
    if (!this.phased) {
      this.phased = true;
      const skip = Math.floor(this.random() * request.candidates.length);
      for (let i = 0; i < skip; i++) this.order(request, links, now);
    }
    const out = this.order(request, links, now);
    if (out.probe !== null && out.probe === this.probe) this.probe = null;
    return out;
  }

  private order(request: PlanRequest, links: Map<number, LinkStatus>, now: number): PlanResult {
    const out = planOrder({
      strategy: request.strategy,
      candidates: request.candidates,
      state: { cursors: this.cursors, links },
      now,
      random: this.random,
    });
    for (const [key, cursor] of out.cursorUpdates) this.cursors.set(key, cursor);
    return { order: out.order, probe: out.probe };
  }

  /** The planner's view: synced health while not older than a window, local cooldowns, the granted probe. */
  private statuses(request: PlanRequest, now: number): Map<number, LinkStatus> {
    const stale = this.syncedAt === null || now - this.syncedAt > this.config.windowMs;
    const out = new Map<number, LinkStatus>();
    if (!stale) for (const [id, s] of this.links) out.set(id, s);
    for (const [id, until] of this.localCooldowns) {
      if (until <= now) {
        this.localCooldowns.delete(id);
        continue;
      }
      const known = out.get(id);
      const cooldownUntil = Math.max(known?.cooldownUntil ?? 0, until);
      out.set(id, { degraded: false, failureRate: 0, probeDueSince: null, ...known, cooldownUntil });
    }
    if (this.probe !== null && request.candidates.some((c) => c.id === this.probe)) {
      const granted = out.get(this.probe);
      if (granted?.degraded && granted.cooldownUntil === null)
        out.set(this.probe, { ...granted, probeDueSince: now });
    }
    return out;
  }
}
