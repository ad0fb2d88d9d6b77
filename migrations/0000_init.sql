CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key_name` text NOT NULL,
	`key_hash` text NOT NULL,
	`key_prefix` text NOT NULL,
	`key_suffix` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`record_details` integer DEFAULT true NOT NULL,
	`expires_at` integer,
	`rpm_limit` integer,
	`tpm_limit` integer,
	`monthly_budget` real,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_name_unique` ON `api_keys` (`key_name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_key_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `config_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `model_mapping_providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`requested_model` text NOT NULL,
	`provider_id` integer NOT NULL,
	`target_model_name` text NOT NULL,
	`provider_rules` text,
	`billing_mode` text,
	`input_price` real,
	`output_price` real,
	`per_request_price` real,
	`per_image_price` real,
	`tiered_pricing` text,
	`cache_billing_enabled` integer DEFAULT false NOT NULL,
	`cached_input_price` real,
	`cached_output_price` real,
	`cache_creation_input_price` real,
	`priority` integer DEFAULT 0 NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`paused_until` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`requested_model`) REFERENCES `model_mappings`(`requested_model`) ON UPDATE cascade ON DELETE cascade,
	FOREIGN KEY (`provider_id`) REFERENCES `providers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `mmp_requested_model_idx` ON `model_mapping_providers` (`requested_model`);--> statement-breakpoint
CREATE INDEX `mmp_provider_idx` ON `model_mapping_providers` (`provider_id`);--> statement-breakpoint
CREATE TABLE `model_mappings` (
	`requested_model` text PRIMARY KEY NOT NULL,
	`strategy` text DEFAULT 'round_robin' NOT NULL,
	`model_type` text DEFAULT 'chat' NOT NULL,
	`matching_rules` text,
	`capabilities` text,
	`expected_output_tokens` integer,
	`billing_mode` text,
	`input_price` real,
	`output_price` real,
	`per_request_price` real,
	`per_image_price` real,
	`tiered_pricing` text,
	`cache_billing_enabled` integer DEFAULT false NOT NULL,
	`cached_input_price` real,
	`cached_output_price` real,
	`cache_creation_input_price` real,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`remark` text,
	`base_url` text NOT NULL,
	`protocol` text NOT NULL,
	`api_key` text,
	`extra_headers` text,
	`provider_options` text,
	`response_timeout_seconds` integer DEFAULT 1800 NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `providers_name_unique` ON `providers` (`name`);--> statement-breakpoint
CREATE TABLE `request_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`trace_id` text NOT NULL,
	`kind` text NOT NULL,
	`attempt_index` integer,
	`request_time` integer NOT NULL,
	`api_key_id` integer,
	`api_key_name` text,
	`user_id` text,
	`requested_model` text,
	`target_model` text,
	`provider_id` integer,
	`provider_name` text,
	`link_id` integer,
	`retry_count` integer DEFAULT 0 NOT NULL,
	`matched_provider_count` integer,
	`first_byte_delay_ms` integer,
	`total_time_ms` integer,
	`input_tokens` integer,
	`output_tokens` integer,
	`cache_read_tokens` integer,
	`cache_write_tokens` integer,
	`reasoning_tokens` integer,
	`total_tokens` integer,
	`usage_source` text,
	`input_cost` real,
	`output_cost` real,
	`cached_input_cost` real,
	`total_cost` real,
	`price_source` text,
	`response_status` integer,
	`error_type` text,
	`error_message` text,
	`is_stream` integer DEFAULT false NOT NULL,
	`request_protocol` text,
	`supplier_protocol` text,
	`request_path` text,
	`request_method` text,
	`upstream_url` text,
	`balancer_fallback` integer DEFAULT false NOT NULL,
	`replay_of` text,
	`r2_key` text,
	`detail_expired` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rl_time_idx` ON `request_logs` (`request_time`);--> statement-breakpoint
CREATE INDEX `rl_kind_time_idx` ON `request_logs` (`kind`,`request_time`);--> statement-breakpoint
CREATE INDEX `rl_time_model_idx` ON `request_logs` (`request_time`,`requested_model`);--> statement-breakpoint
CREATE INDEX `rl_time_provider_idx` ON `request_logs` (`request_time`,`provider_id`);--> statement-breakpoint
CREATE INDEX `rl_time_status_idx` ON `request_logs` (`request_time`,`response_status`);--> statement-breakpoint
CREATE INDEX `rl_time_key_idx` ON `request_logs` (`request_time`,`api_key_id`);--> statement-breakpoint
CREATE INDEX `rl_time_user_idx` ON `request_logs` (`request_time`,`user_id`);--> statement-breakpoint
CREATE INDEX `rl_trace_idx` ON `request_logs` (`trace_id`);