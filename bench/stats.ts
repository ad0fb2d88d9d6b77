// Owns the arithmetic: percentiles of samples, and median with min–max over rounds.

/** Linear-interpolated percentile (p in 0..100) of unsorted values; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median and range of one value measured once per round; NaN values (not measured) are skipped. */
export function spread(values: readonly number[]): Spread {
  const real = values.filter((v) => Number.isFinite(v));
  if (real.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  return { median: percentile(real, 50), min: Math.min(...real), max: Math.max(...real), n: real.length };
}
