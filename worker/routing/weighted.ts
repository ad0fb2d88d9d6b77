// Owns the one weighted pick every strategy uses: smooth weighted round-robin or a weighted random draw.

export interface WeightedMember {
  id: number;
  weight: number;
}

/** Chooses one index of `pool`, whose weights are already sanitized and sum to `total` (> 0). */
export type Chooser = (pool: readonly WeightedMember[], total: number) => number;

/**
 * Orders `members` by repeated weighted picks without replacement: the first id is the pick, the
 * rest is the failover order. Weights that are not positive finite numbers count as 0; when every
 * remaining weight is 0 they all count as 1, so a zero-weight link is still tried, just last.
 */
export function weightedOrder(members: readonly WeightedMember[], choose: Chooser): number[] {
  let pool = members.map((m) => ({
    id: m.id,
    weight: Number.isFinite(m.weight) && m.weight > 0 ? m.weight : 0,
  }));
  const order: number[] = [];
  while (pool.length > 0) {
    let total = pool.reduce((sum, m) => sum + m.weight, 0);
    if (total <= 0) {
      pool = pool.map((m) => ({ id: m.id, weight: 1 }));
      total = pool.length;
    }
    const index = choose(pool, total);
    const picked = pool[index] ?? pool[0];
    if (!picked) break;
    order.push(picked.id);
    pool = pool.filter((m) => m !== picked);
  }
  return order;
}

/**
 * Smooth weighted round-robin (the nginx algorithm): every member's current value grows by its
 * weight, the largest wins (first in list order on ties) and gives back `total`. Weights 3:1 yield
 * A,A,B,A repeating — interleaved rather than Squirrel's blocky A,A,A,B — and any window of Σweight
 * consecutive picks holds each member exactly `weight` times. `current` is the persisted cursor
 * (link id → value) and is updated in place; members absent from it start at 0.
 */
export function smoothChooser(current: Map<number, number>): Chooser {
  return (pool, total) => {
    let best = 0;
    let bestValue = Number.NEGATIVE_INFINITY;
    pool.forEach((m, i) => {
      const value = (current.get(m.id) ?? 0) + m.weight;
      current.set(m.id, value);
      if (value > bestValue) {
        best = i;
        bestValue = value;
      }
    });
    const winner = pool[best];
    if (winner) current.set(winner.id, bestValue - total);
    return best;
  };
}

/** A draw proportional to weight; `random` returns [0, 1) and is injected so tests can seed it. */
export function randomChooser(random: () => number): Chooser {
  return (pool, total) => {
    let target = random() * total;
    let lastPositive = 0;
    for (let i = 0; i < pool.length; i++) {
      const weight = pool[i]?.weight ?? 0;
      if (weight <= 0) continue;
      lastPositive = i;
      target -= weight;
      if (target < 0) return i;
    }
    // Only reachable through float rounding at the top of the range.
    return lastPositive;
  };
}
