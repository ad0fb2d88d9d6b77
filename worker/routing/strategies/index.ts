// Owns the strategy table: which ordering each `Strategy` value uses.
import type { Strategy } from '../types';
import { costFirst } from './cost-first';
import { priority } from './priority';
import { roundRobin } from './round-robin';
import type { StrategyOrder } from './types';
import { weightedRandom } from './weighted-random';

export const STRATEGIES: Record<Strategy, StrategyOrder> = {
  round_robin: roundRobin,
  priority,
  cost_first: costFirst,
  weighted_random: weightedRandom,
};

/** The ordering for a strategy; an unknown value (bad stored data) falls back to round-robin. */
export function strategyOrder(strategy: string): StrategyOrder {
  return Object.hasOwn(STRATEGIES, strategy) ? STRATEGIES[strategy as Strategy] : roundRobin;
}
