// Owns the balancer's state machine (link health, probe grants), kept by the Durable Object and handed to replicas.
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
import { type BalancerSnapshot, type ReplicaSync, storedLinkSchema } from './schemas';

const LINK_PREFIX = 'link:';
/** Rotation cursors lived here before each isolate kept its own; leftover keys are deleted on the next sweep. */
const LEGACY_CURSOR_PREFIX = 'cursor:';

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
  private readonly links = new Map<number, LinkHealth>();
  private readonly legacyKeys = new Set<string>();

  constructor(readonly config: HealthConfig) {}

  /** Restores state from storage entries; values of an unknown shape are skipped. */
  load(entries: Iterable<[string, unknown]>): void {
    for (const [key, value] of entries) {
      if (key.startsWith(LEGACY_CURSOR_PREFIX)) {
        this.legacyKeys.add(key);
      } else if (key.startsWith(LINK_PREFIX)) {
        const parsed = storedLinkSchema.safeParse(value);
        const id = Number(key.slice(LINK_PREFIX.length));
        if (parsed.success && Number.isInteger(id)) this.links.set(id, parsed.data);
      }
    }
  }

  get isEmpty(): boolean {
    return this.links.size === 0 && this.legacyKeys.size === 0;
  }

  /**
   * What a replica plans from: every link that is not plainly healthy (healthy is the default), and
   * at most one half-open probe, granted to this caller alone: the link waiting longest for its
   * probe (lower failure rate first on a tie), marked sent so no other isolate gets it this interval.
   */
  replicaState(now: number, changes = new StateChanges()): ReplicaSync {
    const links: ReplicaSync['links'] = [];
    let probe: { id: number; since: number; rate: number } | null = null;
    for (const [linkId, h] of [...this.links].sort(([a], [b]) => a - b)) {
      const status = linkStatus(h, now, this.config);
      if (!status.degraded && status.cooldownUntil === null) continue;
      links.push({
        linkId,
        degraded: status.degraded,
        failureRate: status.failureRate,
        cooldownUntil: status.cooldownUntil,
      });
      const since = status.probeDueSince;
      if (since === null) continue;
      if (!probe || since < probe.since || (since === probe.since && status.failureRate < probe.rate))
        probe = { id: linkId, since, rate: status.failureRate };
    }
    if (probe) {
      const h = this.links.get(probe.id);
      if (h) this.setLink(probe.id, markProbeSent(h, now, this.config), changes);
    }
    return { links, probe: probe?.id ?? null };
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
    this.dropLegacy(changes);
    return changes;
  }

  /** Drops expired samples and cooldowns (and the cursors of older versions). */
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
    this.dropLegacy(changes);
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

  private dropLegacy(changes: StateChanges): void {
    for (const key of this.legacyKeys) changes.delete(key);
    this.legacyKeys.clear();
  }

  private setLink(id: number, h: LinkHealth, changes: StateChanges): void {
    this.links.set(id, h);
    changes.put(LINK_PREFIX + id, h);
  }

  private deleteLink(id: number, changes: StateChanges): void {
    if (this.links.delete(id)) changes.delete(LINK_PREFIX + id);
  }
}
