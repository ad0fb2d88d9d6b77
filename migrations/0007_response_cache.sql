ALTER TABLE `api_keys` ADD `cache_generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `cache_ttl_seconds` integer;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `cache_scope` text DEFAULT 'key' NOT NULL;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `cache_generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `request_logs` ADD `cache_status` text;--> statement-breakpoint
ALTER TABLE `request_logs` ADD `saved_cost` real;--> statement-breakpoint
ALTER TABLE `log_rollups` ADD `cache_hits` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `log_rollups` ADD `cache_lookups` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `log_rollups` ADD `saved_cost` real DEFAULT 0 NOT NULL;