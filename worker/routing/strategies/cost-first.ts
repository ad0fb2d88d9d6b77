// Owns the `cost_first` strategy: cheapest estimated cost first, ties rotated by weighted round-robin.
import type { PlanCandidate } from '../plan-types';
import type { StrategyOrder } from './types';

/** Costs this close (relative) are the same price computed along different float paths. */
const TIE_EPSILON = 1e-9;

/**
 * Candidates sorted by `cost` ascending (unknown or non-finite costs last); each set of equal costs
 * is one group rotated by weighted round-robin with a cursor per set of tied links. The caller
 * computes the cost from input tokens, expected output and cache prices.
 */
export const costFirst: StrategyOrder = (members, ctx) => {
  const priced = members
    .map((m, index) => ({ m, index, cost: costOf(m) }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index);
  const groups: PlanCandidate[][] = [];
  let groupCost = Number.NaN;
  for (const { m, cost } of priced) {
    const last = groups.at(-1);
    if (last && sameCost(groupCost, cost)) last.push(m);
    else {
      groups.push([m]);
      groupCost = cost;
    }
  }
  return groups.flatMap((g) => ctx.rotate(g, `cost:${g.map((m) => m.id).join(',')}`));
};

function costOf(m: PlanCandidate): number {
  return typeof m.cost === 'number' && Number.isFinite(m.cost) ? m.cost : Number.POSITIVE_INFINITY;
}

function sameCost(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= TIE_EPSILON * Math.max(Math.abs(a), Math.abs(b));
}
