// Owns the planner's data shapes: candidates as the planner sees them, cursors and per-link status.
import type { Strategy } from './types';

/** One eligible link, reduced to what ordering needs. */
export interface PlanCandidate {
  /** The link id (model_mapping_providers.id). */
  id: number;
  weight: number;
  priority: number;
  /** Estimated USD cost of this request on this link; only `cost_first` reads it (absent = unknown, last). */
  cost?: number | null;
  /** Epoch ms; a future value means paused (tried last). */
  pausedUntil: number | null;
  /** The conversation lives on this link (stored turn, encrypted reasoning, prompt cache): first while healthy. */
  affinity?: boolean;
}

/** A smooth weighted round-robin cursor: each member's current value, keyed by link id. */
export interface Cursor {
  usedAt: number;
  current: Record<string, number>;
}

/** What the balancer knows about one link's health at planning time (computed by balancer/health). */
export interface LinkStatus {
  degraded: boolean;
  failureRate: number;
  /** Epoch ms until which Retry-After asked us to stay away; null when not cooling down. */
  cooldownUntil: number | null;
  /** When the link is degraded and a half-open probe may be sent now: since when it is due. */
  probeDueSince: number | null;
}

/** The persisted balancer state the planner reads. */
export interface PlanState {
  cursors: ReadonlyMap<string, Cursor>;
  links: ReadonlyMap<number, LinkStatus>;
}

export interface PlanInput {
  strategy: Strategy;
  /** Eligible candidates in canonical order (see `eligibleCandidates`); duplicates are dropped. */
  candidates: readonly PlanCandidate[];
  state: PlanState;
  now: number;
  /** Source of randomness for `weighted_random`, in [0, 1). */
  random?: () => number;
}

export interface PlanOutput {
  /** Link ids in attempt order; every candidate exactly once. */
  order: number[];
  /** The degraded link placed first as a half-open probe, if any. */
  probe: number | null;
  /** Cursors to persist (only the group used first moves). */
  cursorUpdates: Map<string, Cursor>;
}
