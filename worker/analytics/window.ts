// Owns which rollup grain serves a statistics window, and aligning the window and its buckets to it.
import { HOUR_MS } from './rollup-delta';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;
/** Five-minute rollups are kept this long; older windows read the hourly ones. */
export const FINE_RETENTION_MS = 48 * HOUR_MS;

export interface StatsWindow {
  /**
   * Minutes: 5 and 60 name the per-key series (a reader without a key filter may read the all-keys
   * hourly one instead); 1440 is the all-keys daily series, chosen only when the caller allows it.
   */
  grain: 5 | 60 | 1440;
  /** Aligned down to the grain. */
  start: number;
  /** Aligned up to the grain. */
  end: number;
  /** Bucket width: the asked width rounded up to a multiple of the grain. */
  bucketMs: number;
}

/**
 * Day buckets of a view without a key filter read the daily all-keys rollups (the window widened to
 * whole UTC days); five-minute rollups serve buckets under an hour for windows that start within their
 * retention; everything else reads the hourly rollups. The window is widened to whole grain buckets (the
 * response says which window was used).
 */
export function statsWindow(
  start: number,
  end: number,
  askedBucketMs: number,
  now: number,
  /** Set when the view needs no key and buckets whole UTC days: since when the daily series is whole. */
  dailyFrom: number | null = null,
): StatsWindow {
  const dayStart = Math.floor(start / DAY_MS) * DAY_MS;
  if (dailyFrom !== null && askedBucketMs % DAY_MS === 0 && dayStart >= dailyFrom) {
    return { grain: 1440, start: dayStart, end: Math.ceil(end / DAY_MS) * DAY_MS, bucketMs: askedBucketMs };
  }
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
