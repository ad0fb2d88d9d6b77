-- Rows stored before rollups existed are counted into them by the backfill job (POST
-- /api/admin/logs/rollups/backfill): every row up to this rowid. Later rows are counted as they arrive.
INSERT OR IGNORE INTO `maintenance_state` (`name`, `value`, `updated_at`)
SELECT 'rollup_backfill_until', coalesce(max(rowid), 0), cast(unixepoch('subsec') * 1000 as integer) FROM `request_logs`;
--> statement-breakpoint
INSERT OR IGNORE INTO `maintenance_state` (`name`, `value`, `updated_at`)
VALUES ('rollup_backfill_cursor', 0, cast(unixepoch('subsec') * 1000 as integer));
