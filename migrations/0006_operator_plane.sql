CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`actor_type` text NOT NULL,
	`actor` text NOT NULL,
	`actor_key_id` integer,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`status` integer NOT NULL,
	`before` text,
	`after` text,
	`trace_id` text
);
--> statement-breakpoint
CREATE INDEX `audit_time_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `telemetry_export_stats` (
	`day` text NOT NULL,
	`signal` text NOT NULL,
	`batches` integer DEFAULT 0 NOT NULL,
	`items` integer DEFAULT 0 NOT NULL,
	`retries` integer DEFAULT 0 NOT NULL,
	`failed_batches` integer DEFAULT 0 NOT NULL,
	`dropped_items` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `signal`)
);
--> statement-breakpoint
ALTER TABLE `api_keys` ADD `is_mcp_admin` integer DEFAULT false NOT NULL;