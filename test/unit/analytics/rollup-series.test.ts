// Which rollup series a statistics window reads.
import { describe, expect, it } from 'vitest';
import { ALL_KEYS_HOURLY } from '../../../worker/analytics/rollup-delta';
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
});
