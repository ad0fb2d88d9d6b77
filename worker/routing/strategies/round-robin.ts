// Owns the `round_robin` strategy: smooth weighted round-robin over all candidates of a bucket.
import type { StrategyOrder } from './types';

/** Weights 3:1 give A,A,B,A, … (see `smoothChooser`); the failover order continues the rotation. */
export const roundRobin: StrategyOrder = (members, ctx) => ctx.rotate(members, 'rr');
