// Owns time windows for charts and log filters: presets, custom ranges, and the bucket size for each.

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const PRESET_MS = {
  '1h': HOUR,
  '3h': 3 * HOUR,
  '6h': 6 * HOUR,
  '12h': 12 * HOUR,
  '24h': DAY,
  '1w': 7 * DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
  '365d': 365 * DAY,
} as const;

export type Preset = keyof typeof PRESET_MS;

export interface StatsWindow {
  start: number;
  end: number;
  bucket: 'minute' | 'hour' | 'day';
  bucketMinutes: number;
}

const MINUTE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720];

/** Buckets of a "nice" size giving roughly 30–90 bars; whole days once a bar would exceed 12 hours. */
export function windowFor(start: number, end: number): StatsWindow {
  const span = Math.max(MIN, end - start);
  const target = span / 60 / MIN;
  const minutes = MINUTE_STEPS.find((m) => m >= target);
  if (minutes === undefined) return { start, end, bucket: 'day', bucketMinutes: 1440 };
  if (minutes % 60 === 0 && minutes === 60) return { start, end, bucket: 'hour', bucketMinutes: 60 };
  return { start, end, bucket: 'minute', bucketMinutes: minutes };
}

export function presetWindow(preset: Preset, now = Date.now()): StatsWindow {
  return windowFor(now - PRESET_MS[preset], now);
}

/** Query params for `/api/admin/logs/stats` bucketing, in the browser's time zone. */
export function bucketParams(w: StatsWindow) {
  return {
    start_time: new Date(w.start).toISOString(),
    end_time: new Date(w.end).toISOString(),
    bucket: w.bucket,
    bucket_minutes: w.bucket === 'minute' ? w.bucketMinutes : undefined,
    tz_offset_minutes: -new Date().getTimezoneOffset(),
  };
}

export function bucketMs(w: StatsWindow): number {
  return w.bucketMinutes * MIN;
}
