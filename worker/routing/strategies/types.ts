// Owns the contract between the planner and a strategy: order one group of candidates.
import type { PlanCandidate } from '../plan-types';

/** What a strategy may use; both helpers are thin wrappers over the one weighted pick. */
export interface StrategyContext {
  /**
   * Orders `members` by smooth weighted round-robin with the cursor named `key`. The cursor only
   * moves for the first group the plan uses; any other call previews the order without moving it.
   */
  rotate(members: readonly PlanCandidate[], key: string): number[];
  /** Orders `members` by weighted random draws without replacement. */
  draw(members: readonly PlanCandidate[]): number[];
}

/** A strategy orders one bucket of candidates (listed in canonical order) into attempt order. */
export type StrategyOrder = (members: readonly PlanCandidate[], ctx: StrategyContext) => number[];
