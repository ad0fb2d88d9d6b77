ALTER TABLE `api_keys` ADD `cache_generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `cache_ttl_seconds` integer;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `cache_scope` text DEFAULT 'key' NOT NULL;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `cache_generation` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `request_logs` ADD `cache_status` text;--> statement-breakpoint
ALTER TABLE `request_logs` ADD `saved_cost` real;