// Owns the balancer's state machine (cursors + link health), shared by the Durable Object and the memory balancer.
import { planOrder } from '../routing/plan';
import type { Cursor, LinkStatus } from '../routing/plan-types';
import {
  type AttemptOutcome,
  type HealthConfig,
  type LinkHealth,
  linkStatus,
  markProbeSent,
  pruneLink,
  recordOutcome,
  windowCounts,
} from './health';
import {
  type BalancerSnapshot,
  type PlanRequest,
  type PlanResult,
  storedCursorSchema,
  storedLinkSchema,
} from './schemas';

const CURSOR_PREFIX = 'cursor:';
const LINK_PREFIX = 'link:';
/** A rotation unused this long restarts from scratch, which is harmless; it keeps storage bounded. */
export const CURSOR_TTL_MS = 60 * 60_000;

/** Storage writes a state change needs; a key is either put or deleted, never both. */
export class StateChanges {
  readonly puts = new Map<string, unknown>();
  readonly deletes = new Set<string>();

  put(key: string, value: unknown): void {
    this.deletes.delete(key);
    this.puts.set(key, value);
  }

  delete(key: string): void {
    this.puts.delete(key);
    this.deletes.add(key);
  }

  get size(): number {
    return this.puts.size + this.deletes.size;
  }
}

export class BalancerCore {
  private readonly cursors = new Map<string, Cursor>();
  private readonly links = new Map<number, LinkHealth>();

  constructor(
    readonly config: HealthConfig,
    private readonly random: () => number = Math.random,
  ) {}

  /** Restores state from storage entries; values of an unknown shape are skipped. */
  load(entries: Iterable<[string, unknown]>): void {
    for (const [key, value] of entries) {
      if (key.startsWith(CURSOR_PREFIX)) {
        const parsed = storedCursorSchema.safeParse(value);
        if (parsed.success) this.cursors.set(key.slice(CURSOR_PREFIX.length), parsed.data);
      } else if (key.startsWith(LINK_PREFIX)) {
        const parsed = storedLinkSchema.safeParse(value);
        const id = Number(key.slice(LINK_PREFIX.length));
        if (parsed.success && Number.isInteger(id)) this.links.set(id, parsed.data);
      }
    }
  }

  get isEmpty(): boolean {
    return this.cursors.size === 0 && this.links.size === 0;
  }

  plan(request: PlanRequest, now: number, changes = new StateChanges()): PlanResult {
    const statuses = new Map<number, LinkStatus>();
    for (const c of request.candidates) {
      const h = this.links.get(c.id);
      if (h) statuses.set(c.id, linkStatus(h, now, this.config));
    }
    const out = planOrder({
      strategy: request.strategy,
      candidates: request.candidates,
      state: { cursors: this.cursors, links: statuses },
      now,
      random: this.random,
    });
    for (const [key, cursor] of out.cursorUpdates) {
      this.cursors.set(key, cursor);
      changes.put(CURSOR_PREFIX + key, cursor);
    }
    const probed = out.probe === null ? undefined : this.links.get(out.probe);
    if (out.probe !== null && probed)
      this.setLink(out.probe, markProbeSent(probed, now, this.config), changes);
    return { order: out.order, probe: out.probe };
  }

  report(outcomes: readonly AttemptOutcome[], now: number, changes = new StateChanges()): StateChanges {
    for (const outcome of outcomes) {
      const next = recordOutcome(this.links.get(outcome.linkId), outcome, now, this.config);
      // An empty record (e.g. right after a successful probe) is the same as no record: healthy.
      const kept = pruneLink(next, now, this.config);
      if (kept) this.setLink(outcome.linkId, kept, changes);
      else this.deleteLink(outcome.linkId, changes);
    }
    return changes;
  }

  /** Forgets one link's health (window, cooldown, probes), or all state when no id is given. */
  reset(linkId: number | undefined, changes = new StateChanges()): StateChanges {
    if (linkId !== undefined) {
      this.deleteLink(linkId, changes);
      return changes;
    }
    for (const id of [...this.links.keys()]) this.deleteLink(id, changes);
    for (const key of [...this.cursors.keys()]) {
      this.cursors.delete(key);
      changes.delete(CURSOR_PREFIX + key);
    }
    return changes;
  }

  /** Drops expired samples, cooldowns and long-unused cursors. */
  sweep(now: number, changes = new StateChanges()): StateChanges {
    for (const [id, h] of [...this.links]) {
      const kept = pruneLink(h, now, this.config);
      if (!kept) this.deleteLink(id, changes);
      else if (
        kept.buckets.length !== h.buckets.length ||
        kept.cooldownUntil !== h.cooldownUntil ||
        kept.nextProbeAt !== h.nextProbeAt
      ) {
        this.setLink(id, kept, changes);
      }
    }
    for (const [key, cursor] of [...this.cursors]) {
      if (now - cursor.usedAt < CURSOR_TTL_MS) continue;
      this.cursors.delete(key);
      changes.delete(CURSOR_PREFIX + key);
    }
    return changes;
  }

  snapshot(now: number): BalancerSnapshot {
    const { windowMs, minSamples, failureRateThreshold } = this.config;
    const links = [...this.links]
      .sort(([a], [b]) => a - b)
      .map(([linkId, h]) => {
        const counts = windowCounts(h, now, this.config);
        const status = linkStatus(h, now, this.config);
        return {
          linkId,
          degraded: status.degraded,
          sampleCount: counts.samples,
          failureCount: counts.failures,
          failureRate: counts.failureRate,
          cooldownUntil: status.cooldownUntil,
          lastProbeAt: h.lastProbeAt,
          nextProbeAt: status.degraded ? h.nextProbeAt : null,
        };
      });
    return { windowMs, minSamples, failureRateThreshold, links };
  }

  private setLink(id: number, h: LinkHealth, changes: StateChanges): void {
    this.links.set(id, h);
    changes.put(LINK_PREFIX + id, h);
  }

  private deleteLink(id: number, changes: StateChanges): void {
    if (this.links.delete(id)) changes.delete(LINK_PREFIX + id);
  }
}
