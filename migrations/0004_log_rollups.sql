CREATE TABLE `log_rollups` (
	`grain` integer NOT NULL,
	`bucket_start` integer NOT NULL,
	`kind` text NOT NULL,
	`requested_model` text NOT NULL,
	`provider_id` integer NOT NULL,
	`target_model` text NOT NULL,
	`api_key_id` integer NOT NULL,
	`status_class` integer NOT NULL,
	`is_stream` integer NOT NULL,
	`outcome` integer NOT NULL,
	`provider_name` text,
	`api_key_name` text,
	`requests` integer NOT NULL,
	`retries` integer NOT NULL,
	`input_tokens` integer NOT NULL,
	`output_tokens` integer NOT NULL,
	`cache_read_tokens` integer NOT NULL,
	`cache_write_tokens` integer NOT NULL,
	`reasoning_tokens` integer NOT NULL,
	`total_cost` real NOT NULL,
	`input_cost` real NOT NULL,
	`output_cost` real NOT NULL,
	`first_byte_count` integer NOT NULL,
	`first_byte_sum_ms` integer NOT NULL,
	`total_time_count` integer NOT NULL,
	`total_time_sum_ms` integer NOT NULL,
	`first_byte_hist` text NOT NULL,
	`total_time_hist` text NOT NULL,
	PRIMARY KEY(`grain`, `bucket_start`, `kind`, `requested_model`, `provider_id`, `target_model`, `api_key_id`, `status_class`, `is_stream`, `outcome`)
);
--> statement-breakpoint
CREATE TABLE `maintenance_state` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_request_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`trace_id` text,
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
	`balancer_fallback` integer DEFAULT false NOT NULL,
	`replay_of` text,
	`r2_key` text,
	`r2_offset` integer,
	`r2_length` integer,
	`detail_expired` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_request_logs`("id", "trace_id", "kind", "attempt_index", "request_time", "api_key_id", "api_key_name", "user_id", "requested_model", "target_model", "provider_id", "provider_name", "link_id", "retry_count", "matched_provider_count", "first_byte_delay_ms", "total_time_ms", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "total_tokens", "usage_source", "input_cost", "output_cost", "cached_input_cost", "total_cost", "price_source", "response_status", "error_type", "error_message", "is_stream", "request_protocol", "supplier_protocol", "request_path", "balancer_fallback", "replay_of", "r2_key", "r2_offset", "r2_length", "detail_expired") SELECT "id", "trace_id", "kind", "attempt_index", "request_time", "api_key_id", "api_key_name", "user_id", "requested_model", "target_model", "provider_id", "provider_name", "link_id", "retry_count", "matched_provider_count", "first_byte_delay_ms", "total_time_ms", "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "total_tokens", "usage_source", "input_cost", "output_cost", "cached_input_cost", "total_cost", "price_source", "response_status", "error_type", "error_message", "is_stream", "request_protocol", "supplier_protocol", "request_path", "balancer_fallback", "replay_of", "r2_key", "r2_offset", "r2_length", "detail_expired" FROM `request_logs`;--> statement-breakpoint
DROP TABLE `request_logs`;--> statement-breakpoint
ALTER TABLE `__new_request_logs` RENAME TO `request_logs`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `rl_time_idx` ON `request_logs` (`request_time`);--> statement-breakpoint
CREATE INDEX `rl_trace_legacy_idx` ON `request_logs` (`trace_id`) WHERE "request_logs"."trace_id" is not null;