// Owns the fixed log-scale latency histogram of the rollups: bucket of a value, and percentiles back out.

/** Neighbouring bucket bounds differ by this factor; a value read back as its bucket's geometric mean
 * is within sqrt(GROWTH) − 1 ≈ 4.9 % of the true value. */
export const GROWTH = 1.1;
/** The relative error a percentile read from the histogram may have (stated by the API and the UI). */
export const PERCENTILE_ERROR = 0.05;
const LOG_GROWTH = Math.log(GROWTH);

/** Histograms are JSON objects of `b<index>: count`; index 0 holds values below 1 ms. */
export type Histogram = Record<string, number>;

/** The bucket index of a duration in ms: 0 below 1 ms, else 1 + floor(log_1.1(ms)). */
export function bucketOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  return 1 + Math.floor(Math.log(ms) / LOG_GROWTH + 1e-9);
}

/** The JSON key of a bucket. */
export function bucketKey(ms: number): string {
  return `b${bucketOf(ms)}`;
}

/** The value a bucket stands for: the geometric mean of its bounds (0 for the sub-millisecond bucket). */
export function bucketValue(index: number): number {
  if (index <= 0) return 0;
  return GROWTH ** (index - 1) * Math.sqrt(GROWTH);
}

/** Adds `from` into `into` (both keyed `b<index>`). */
export function mergeInto(into: Histogram, from: Histogram): Histogram {
  for (const [k, v] of Object.entries(from)) if (Number.isFinite(v)) into[k] = (into[k] ?? 0) + v;
  return into;
}

export interface HistogramPercentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

/** Nearest-rank p50/p95/p99 of a histogram, each read as its bucket's value and rounded to 0.1 ms. */
export function percentiles(h: Histogram): HistogramPercentiles {
  const buckets = Object.entries(h)
    .map(([k, n]) => [Number(k.slice(1)), n] as const)
    .filter(([i, n]) => Number.isInteger(i) && n > 0)
    .sort((a, b) => a[0] - b[0]);
  const count = buckets.reduce((s, [, n]) => s + n, 0);
  if (count === 0) return { count: 0, p50: null, p95: null, p99: null };
  const at = (p: number) => {
    const rank = Math.ceil((count * p) / 100);
    let seen = 0;
    for (const [i, n] of buckets) {
      seen += n;
      if (seen >= rank) return Math.round(bucketValue(i) * 10) / 10;
    }
    return null;
  };
  return { count, p50: at(50), p95: at(95), p99: at(99) };
}
