ALTER TABLE `request_logs` ADD `r2_offset` integer;--> statement-breakpoint
ALTER TABLE `request_logs` ADD `r2_length` integer;