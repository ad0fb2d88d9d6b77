ALTER TABLE `api_keys` ADD `concurrency_limit` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `budget_usd` real;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `budget_period` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `allowed_models` text;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `user_rpm_limit` integer;--> statement-breakpoint
ALTER TABLE `api_keys` ADD `user_budget_usd` real;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `rpm_limit` integer;--> statement-breakpoint
ALTER TABLE `model_mappings` ADD `tpm_limit` integer;