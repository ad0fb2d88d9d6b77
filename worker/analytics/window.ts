// Owns which rollup grain serves a statistics window, and aligning the window and its buckets to it.
import { HOUR_MS } from './rollup-delta';

const MINUTE_MS = 60_000;
/** Five-minute rollups are kept this long; older windows read the hourly ones. */
export const FINE_RETENTION_MS = 48 * HOUR_MS;

export interface StatsWindow {
  /** Minutes: the per-key series a window reads (a reader may switch to the all-keys hourly one). */
  grain: 5 | 60;
  /** Aligned down to the grain. */
  start: number;
  /** Aligned up to the grain. */
  end: number;
  /** Bucket width: the asked width rounded up to a multiple of the grain. */
  bucketMs: number;
}

/**
 * Five-minute rollups serve buckets under an hour for windows that start within their retention;
 * everything else reads the hourly rollups. The window is widened to whole grain buckets (the
 * response says which window was used).
 */
export function statsWindow(start: number, end: number, askedBucketMs: number, now: number): StatsWindow {
  const fine = askedBucketMs < HOUR_MS && start >= now - FINE_RETENTION_MS;
  const grain = fine ? 5 : 60;
  const g = grain * MINUTE_MS;
  return {
    grain,
    start: Math.floor(start / g) * g,
    end: Math.ceil(end / g) * g,
    bucketMs: Math.max(g, Math.ceil(askedBucketMs / g) * g),
  };
}
