// Owns since when the all-keys rollup series is complete: the marker its writer sets, and reading it.
import { eq } from 'drizzle-orm';
import { ALL_KEYS_DAILY, ALL_KEYS_HOURLY, type Grain, HOUR_MS } from '../../analytics/rollup-delta';
import type { Db } from '../client';
import { maintenanceState } from '../schema';

const MARKER = 'rollups_all_keys_from';

/**
 * Sets the marker if it is not set: the start of the next hour, the first one the series holds whole.
 * A database that had no rollups when the series arrived has it at 0 (migration 0010): complete from the
 * start. Runs in every consumer batch (one primary-key probe once set).
 */
export function markAllKeysSeries(db: Db, now: number) {
  const from = Math.ceil(now / HOUR_MS) * HOUR_MS;
  return db
    .insert(maintenanceState)
    .values({ name: MARKER, value: from, updatedAt: now })
    .onConflictDoNothing({ target: maintenanceState.name });
}

/** Per isolate: a set marker never moves; an unset one is asked again after a minute. */
let known: { from: number | null; at: number } | null = null;
const RECHECK_MS = 60_000;

/** From when statistics may read the all-keys series instead of summing the per-key one (null: not yet). */
export async function allKeysSeriesFrom(db: Db, now = Date.now()): Promise<number | null> {
  if (known && (known.from !== null || now - known.at < RECHECK_MS)) return known.from;
  const row = await db
    .select({ value: maintenanceState.value })
    .from(maintenanceState)
    .where(eq(maintenanceState.name, MARKER))
    .get();
  known = { from: row ? row.value : null, at: now };
  return known.from;
}

/**
 * The series a window reads: the daily all-keys one for a daily window (only chosen without a key),
 * the hourly all-keys one when it needs no key and lies within the series, else the per-key one.
 */
export function seriesGrain(grain: 5 | 60 | 1440, start: number, byKey: boolean, from: number | null): Grain {
  if (grain === 1440) return ALL_KEYS_DAILY;
  return grain === 60 && !byKey && from !== null && start >= from ? ALL_KEYS_HOURLY : grain;
}
