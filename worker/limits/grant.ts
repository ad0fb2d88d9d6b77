// Owns how big a slice a limiter hands an instance: generous far from the limit, single units near it.

/**
 * The amount granted to one holder asking for `want` (at least `need` when it can be had) out of
 * `available`, shared with `holders` instances: at most half of what is left per holder, so slices
 * halve as the limit nears and end as single units (or the last remainder). Never more than `available`.
 */
export function grantSize(want: number, need: number, available: number, holders: number): number {
  if (available <= 0 || want <= 0) return 0;
  const share = available / (2 * Math.max(1, holders));
  return Math.min(available, want, Math.max(need, share));
}

/** The same for whole units (requests, tokens, slots). */
export function grantUnits(want: number, need: number, available: number, holders: number): number {
  return Math.floor(grantSize(Math.floor(want), Math.ceil(need), Math.floor(available), holders));
}
