ALTER TABLE `approvals` ADD `symbol` text;--> statement-breakpoint
ALTER TABLE `equity_snapshots` ADD `symbol` text;--> statement-breakpoint
CREATE INDEX `equity_snapshots_symbol_time` ON `equity_snapshots` (`symbol`,`time`);--> statement-breakpoint
ALTER TABLE `metrics_snapshots` ADD `symbol` text;--> statement-breakpoint
CREATE INDEX `metrics_snapshots_symbol_time` ON `metrics_snapshots` (`symbol`,`time`);