// Owns the `priority` strategy: groups by priority value, lowest first, weighted round-robin inside.
import type { PlanCandidate } from '../plan-types';
import type { StrategyOrder } from './types';

/**
 * The lowest priority value's group is tried first, rotated by its own cursor; the next group comes
 * only after every member of the previous one. Only the first group's cursor moves (Squirrel: fallback
 * groups do not advance their counters).
 */
export const priority: StrategyOrder = (members, ctx) => {
  const groups = new Map<number, PlanCandidate[]>();
  for (const m of members) {
    const group = groups.get(m.priority);
    if (group) group.push(m);
    else groups.set(m.priority, [m]);
  }
  return [...groups.keys()].sort((a, b) => a - b).flatMap((p) => ctx.rotate(groups.get(p) ?? [], `p:${p}`));
};
