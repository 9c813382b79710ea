CREATE TABLE `approvals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`status` text NOT NULL,
	`change_json` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`what_if_json` text,
	`decided_by` text,
	`decided_at` integer,
	`comment` text
);
--> statement-breakpoint
CREATE INDEX `approvals_status_expires` ON `approvals` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `approvals_created` ON `approvals` (`created_at`);--> statement-breakpoint
CREATE TABLE `candle_gaps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`symbol` text NOT NULL,
	`timeframe` text NOT NULL,
	`from_open_time` integer NOT NULL,
	`to_open_time` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candle_gaps_key` ON `candle_gaps` (`symbol`,`timeframe`,`from_open_time`);--> statement-breakpoint
CREATE TABLE `candles_cache` (
	`symbol` text NOT NULL,
	`timeframe` text NOT NULL,
	`open_time` integer NOT NULL,
	`open` real NOT NULL,
	`high` real NOT NULL,
	`low` real NOT NULL,
	`close` real NOT NULL,
	`volume` real NOT NULL,
	PRIMARY KEY(`symbol`, `timeframe`, `open_time`)
);
--> statement-breakpoint
CREATE TABLE `config` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `equity_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`time` integer NOT NULL,
	`cycle_id` text,
	`equity` text NOT NULL,
	`quote_balance` text NOT NULL,
	`base_balance` text NOT NULL,
	`price` text NOT NULL,
	`unrealized_pnl` text NOT NULL,
	`realized_pnl` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `equity_snapshots_time` ON `equity_snapshots` (`time`);--> statement-breakpoint
CREATE TABLE `events_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`time` integer NOT NULL,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`reason` text NOT NULL,
	`inputs_json` text NOT NULL,
	`outcome` text NOT NULL,
	`correlation_id` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_log_time` ON `events_log` (`time`);--> statement-breakpoint
CREATE INDEX `events_log_type_time` ON `events_log` (`type`,`time`);--> statement-breakpoint
CREATE INDEX `events_log_actor` ON `events_log` (`actor`);--> statement-breakpoint
CREATE INDEX `events_log_correlation` ON `events_log` (`correlation_id`);--> statement-breakpoint
CREATE TABLE `fills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`trade_id` text NOT NULL,
	`client_order_id` text NOT NULL,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`price` text NOT NULL,
	`quantity` text NOT NULL,
	`quote_quantity` text NOT NULL,
	`fee` text NOT NULL,
	`fee_asset` text NOT NULL,
	`liquidity` text NOT NULL,
	`time` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fills_trade_id` ON `fills` (`symbol`,`trade_id`);--> statement-breakpoint
CREATE INDEX `fills_client_order_id` ON `fills` (`client_order_id`);--> statement-breakpoint
CREATE INDEX `fills_symbol_time` ON `fills` (`symbol`,`time`);--> statement-breakpoint
CREATE TABLE `metrics_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`time` integer NOT NULL,
	`cycle_id` text,
	`total_return_pct` real NOT NULL,
	`max_drawdown_pct` real NOT NULL,
	`win_rate` real NOT NULL,
	`profit_factor` real,
	`sharpe` real,
	`fees_paid` real NOT NULL,
	`trade_count` integer NOT NULL,
	`exposure_pct` real NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metrics_snapshots_time` ON `metrics_snapshots` (`time`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`client_order_id` text NOT NULL,
	`exchange_order_id` text,
	`symbol` text NOT NULL,
	`side` text NOT NULL,
	`type` text NOT NULL,
	`status` text NOT NULL,
	`quantity` text NOT NULL,
	`price` text,
	`filled_quantity` text NOT NULL,
	`avg_fill_price` text,
	`mode` text NOT NULL,
	`cycle_id` text,
	`reason` text NOT NULL,
	`tag` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_client_order_id` ON `orders` (`client_order_id`);--> statement-breakpoint
CREATE INDEX `orders_status` ON `orders` (`status`,`symbol`);--> statement-breakpoint
CREATE INDEX `orders_symbol_created` ON `orders` (`symbol`,`created_at`);--> statement-breakpoint
CREATE TABLE `positions` (
	`symbol` text PRIMARY KEY NOT NULL,
	`quantity` text NOT NULL,
	`avg_entry_price` text NOT NULL,
	`realized_pnl` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`token_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username` ON `users` (`username`);