// Owns the `weighted_random` strategy: a random draw proportional to weight, no shared cursor.
import type { StrategyOrder } from './types';

/** Stateless by design; the failover order is the rest of the same weighted draw. */
export const weightedRandom: StrategyOrder = (members, ctx) => ctx.draw(members);
