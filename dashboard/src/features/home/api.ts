// Owns the home page's statistics query: the chosen range and key, bucketed in the browser's time zone.
import { logStatsQuery } from '../logs/api';
import { currentRange, type HomeSearch, homeWindow } from './range';

export const homeStatsQuery = (search: HomeSearch) =>
  logStatsQuery(
    { page: 'home', range: currentRange(search), start: search.start, end: search.end },
    { api_key_id: search.api_key_id },
    () => homeWindow(search),
    search.group_by,
  );
