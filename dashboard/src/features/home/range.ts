// Owns the home page's range: presets (remembered in localStorage), a custom window, and its stats window.
import { z } from 'zod';
import { searchInt, searchText } from '../../lib/search';
import { PRESET_MS, type StatsWindow, windowFor } from '../../lib/time-range';

export const HOME_RANGES = ['1h', '6h', '12h', '24h', '7d', '30d', '90d', '365d'] as const;
export type HomeRange = (typeof HOME_RANGES)[number];

const STORAGE_KEY = 'lgw_home_range';

export const homeSearchSchema = z.object({
  range: z
    .enum([...HOME_RANGES, 'custom'])
    .optional()
    .catch(undefined),
  start: searchText,
  end: searchText,
  api_key_id: searchInt,
  group_by: z.enum(['request_model', 'provider_model']).optional().catch(undefined),
});

export type HomeSearch = z.output<typeof homeSearchSchema>;

export function rememberedRange(): HomeRange {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return (HOME_RANGES as readonly string[]).includes(v ?? '') ? (v as HomeRange) : '24h';
  } catch {
    return '24h';
  }
}

export function rememberRange(range: HomeRange): void {
  try {
    localStorage.setItem(STORAGE_KEY, range);
  } catch {
    // not persisted in private mode
  }
}

export function currentRange(s: HomeSearch): HomeRange | 'custom' {
  if (s.range === 'custom' && s.start) return 'custom';
  return s.range && s.range !== 'custom' ? s.range : rememberedRange();
}

export function homeWindow(s: HomeSearch, now = Date.now()): StatsWindow {
  const range = currentRange(s);
  if (range === 'custom') {
    const end = s.end ? Date.parse(s.end) : now;
    return windowFor(s.start ? Date.parse(s.start) : end - PRESET_MS['24h'], end);
  }
  return windowFor(now - PRESET_MS[range], now);
}

/** Presets end "now" and refresh themselves; a custom window with an end is fixed. */
export function isLiveRange(s: HomeSearch): boolean {
  return currentRange(s) !== 'custom' || !s.end;
}
