CREATE TABLE `log_dead_letters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`record_id` text,
	`trace_id` text,
	`attempts` integer NOT NULL,
	`error` text NOT NULL,
	`body` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `log_dead_letters_message_id_unique` ON `log_dead_letters` (`message_id`);