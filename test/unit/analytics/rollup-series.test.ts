// Which rollup series a statistics window reads.
import { describe, expect, it } from 'vitest';
import { ALL_KEYS_DAILY, ALL_KEYS_HOURLY } from '../../../worker/analytics/rollup-delta';
import { statsWindow } from '../../../worker/analytics/window';
import { seriesGrain } from '../../../worker/db/queries/rollup-series';

const H = 3_600_000;

describe('seriesGrain', () => {
  it('reads the all-keys hourly series for an hourly window without a key that starts within it', () => {
    expect(seriesGrain(60, 10 * H, false, 0)).toBe(ALL_KEYS_HOURLY);
    expect(seriesGrain(60, 10 * H, false, 10 * H)).toBe(ALL_KEYS_HOURLY);
  });

  it('sums the per-key series for a key filter, a window older than the series, or no series yet', () => {
    expect(seriesGrain(60, 10 * H, true, 0)).toBe(60);
    expect(seriesGrain(60, 9 * H, false, 10 * H)).toBe(60);
    expect(seriesGrain(60, 10 * H, false, null)).toBe(60);
  });

  it('keeps five-minute windows on the five-minute series', () => {
    expect(seriesGrain(5, 10 * H, false, 0)).toBe(5);
  });

  it('reads the daily all-keys series for a UTC-day view it covers, the window widened to whole days', () => {
    const D = 24 * H;
    const w = statsWindow(3 * D + 5 * H, 10 * D + 2 * H, D, 11 * D, 0);
    expect(w).toEqual({ grain: 1440, start: 3 * D, end: 11 * D, bucketMs: D });
    expect(seriesGrain(w.grain, w.start, false, 0)).toBe(ALL_KEYS_DAILY);
    // Hour buckets, no daily series allowed (a key or a local day), or a window before the series: hourly.
    expect(statsWindow(3 * D, 10 * D, H, 11 * D, 0).grain).toBe(60);
    expect(statsWindow(3 * D, 10 * D, D, 11 * D, null).grain).toBe(60);
    expect(statsWindow(3 * D, 10 * D, D, 11 * D, 4 * D).grain).toBe(60);
  });
});
