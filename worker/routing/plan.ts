// Owns attempt planning: buckets candidates by health, orders each bucket by the strategy, one flat list.
import type { Cursor, LinkStatus, PlanCandidate, PlanInput, PlanOutput } from './plan-types';
import { strategyOrder } from './strategies';
import type { StrategyContext } from './strategies/types';
import { randomChooser, smoothChooser, weightedOrder } from './weighted';

export type { Cursor, LinkStatus, PlanCandidate, PlanInput, PlanOutput, PlanState } from './plan-types';

interface Bucket {
  key: string;
  members: PlanCandidate[];
}

/**
 * Orders every candidate exactly once (Squirrel §4.4, improved):
 *   1. a degraded link due for a half-open probe, alone and first (at most one per plan);
 *   2. healthy links, in strategy order — except that a link with `affinity` (the conversation lives
 *      there) goes first and moves no cursor;
 *   3. degraded links, one group per failure rate, lowest rate first, strategy order inside;
 *   4. links cooling down after a Retry-After, strategy order;
 *   5. paused links (`pausedUntil` in the future), strategy order.
 * Paused beats cooldown beats degraded when a link is several at once. Only the first group actually
 * used moves its round-robin cursor; later groups (and everything behind a probe) show the order they
 * would have without advancing, so failover traffic never skews the rotation.
 */
export function planOrder(input: PlanInput): PlanOutput {
  const { probe, buckets } = bucketize(dedupe(input.candidates), input.state.links, input.now);
  const order = strategyOrder(input.strategy);
  const cursorUpdates = new Map<string, Cursor>();
  const ids: number[] = probe ? [probe.id] : [];
  let mayCommit = probe === null;
  for (const bucket of buckets) {
    if (bucket.members.length === 0) continue;
    const pinned = bucket.key === 'healthy' ? bucket.members.find((m) => m.affinity) : undefined;
    // A conversation kept on its link is not a pick of the rotation: the cursor stays where it is.
    const ordered = order(
      bucket.members,
      strategyContext(bucket.key, input, cursorUpdates, mayCommit && !pinned),
    );
    ids.push(...(pinned ? [pinned.id, ...ordered.filter((id) => id !== pinned.id)] : ordered));
    mayCommit = false;
  }
  return { order: ids, probe: probe?.id ?? null, cursorUpdates };
}

function bucketize(
  candidates: readonly PlanCandidate[],
  links: ReadonlyMap<number, LinkStatus>,
  now: number,
): { probe: PlanCandidate | null; buckets: Bucket[] } {
  const healthy: PlanCandidate[] = [];
  const degraded: Array<{ candidate: PlanCandidate; status: LinkStatus }> = [];
  const cooling: PlanCandidate[] = [];
  const paused: PlanCandidate[] = [];
  for (const candidate of candidates) {
    const status = links.get(candidate.id);
    if (candidate.pausedUntil !== null && candidate.pausedUntil > now) paused.push(candidate);
    else if (status?.cooldownUntil != null && status.cooldownUntil > now) cooling.push(candidate);
    else if (status?.degraded) degraded.push({ candidate, status });
    else healthy.push(candidate);
  }
  const probe = pickProbe(degraded, now);
  const rest = degraded.filter((d) => d.candidate !== probe);
  return {
    probe,
    buckets: [
      { key: 'healthy', members: healthy },
      ...degradedGroups(rest),
      { key: 'cooldown', members: cooling },
      { key: 'paused', members: paused },
    ],
  };
}

// The link waiting longest for its probe goes first; the lower failure rate breaks ties.
function pickProbe(degraded: Array<{ candidate: PlanCandidate; status: LinkStatus }>, now: number) {
  let best: { candidate: PlanCandidate; status: LinkStatus } | null = null;
  for (const d of degraded) {
    const since = d.status.probeDueSince;
    if (since === null || since > now) continue;
    const bestSince = best?.status.probeDueSince ?? Number.POSITIVE_INFINITY;
    if (
      !best ||
      since < bestSince ||
      (since === bestSince && d.status.failureRate < best.status.failureRate)
    ) {
      best = d;
    }
  }
  return best?.candidate ?? null;
}

function degradedGroups(degraded: Array<{ candidate: PlanCandidate; status: LinkStatus }>): Bucket[] {
  const groups = new Map<string, { rate: number; members: PlanCandidate[] }>();
  for (const { candidate, status } of degraded) {
    const key = status.failureRate.toFixed(6);
    const group = groups.get(key);
    if (group) group.members.push(candidate);
    else groups.set(key, { rate: status.failureRate, members: [candidate] });
  }
  return [...groups.entries()]
    .sort(([, a], [, b]) => a.rate - b.rate)
    .map(([key, g]) => ({ key: `degraded:${key}`, members: g.members }));
}

function strategyContext(
  bucketKey: string,
  input: PlanInput,
  updates: Map<string, Cursor>,
  commit: boolean,
): StrategyContext {
  let mayCommit = commit;
  return {
    rotate(members, key) {
      const name = `${bucketKey}/${key}`;
      const current = cursorValues(input.state.cursors.get(name));
      const choose = smoothChooser(current);
      let afterFirst: Map<number, number> | null = null;
      const ids = weightedOrder(members, (pool, total) => {
        const index = choose(pool, total);
        afterFirst ??= new Map(current);
        return index;
      });
      if (mayCommit && afterFirst) {
        updates.set(name, { usedAt: input.now, current: toRecord(afterFirst, members) });
      }
      mayCommit = false;
      return ids;
    },
    draw(members) {
      mayCommit = false;
      return weightedOrder(members, randomChooser(input.random ?? Math.random));
    },
  };
}

function cursorValues(cursor: Cursor | undefined): Map<number, number> {
  const values = new Map<number, number>();
  for (const [id, value] of Object.entries(cursor?.current ?? {})) {
    if (Number.isFinite(value)) values.set(Number(id), value);
  }
  return values;
}

/** Past this many entries, a cursor keeps only the current members (deleted links have piled up). */
const MAX_CURSOR_ENTRIES = 256;

// Links absent from this request keep their value: rules may filter a link out for one request only,
// and dropping its value would restart its share of the rotation.
function toRecord(values: Map<number, number>, members: readonly PlanCandidate[]): Record<string, number> {
  const keep = values.size > MAX_CURSOR_ENTRIES ? new Set(members.map((m) => m.id)) : null;
  const out: Record<string, number> = {};
  for (const [id, value] of values) if (!keep || keep.has(id)) out[String(id)] = value;
  return out;
}

function dedupe(candidates: readonly PlanCandidate[]): PlanCandidate[] {
  const seen = new Set<number>();
  const out: PlanCandidate[] = [];
  for (const c of candidates) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
  }
  return out;
}
