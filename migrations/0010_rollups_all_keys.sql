-- The hourly rollups over all keys together (grain -60) are written from this version on. A database
-- without rollups yet gets them from its first record: statistics may read them for any window. One
-- that has rollups gets its marker from the first consumer batch of this version (the next full hour);
-- windows starting earlier keep summing the per-key rollups.
INSERT OR IGNORE INTO `maintenance_state` (`name`, `value`, `updated_at`)
SELECT 'rollups_all_keys_from', 0, cast(unixepoch('subsec') * 1000 as integer)
WHERE NOT EXISTS (SELECT 1 FROM `log_rollups`);
