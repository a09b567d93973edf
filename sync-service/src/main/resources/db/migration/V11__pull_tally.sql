-- The tenant's order status filter (from integration.settings), and what a pull's orders did under it: entered the
-- queue, held back by the filter, cancelled; the sync log says so when the pull ends.
ALTER TABLE tenant_settings ADD COLUMN order_status_filter varchar(16);
ALTER TABLE sync_job ADD COLUMN order_filter varchar(16);
ALTER TABLE sync_job ADD COLUMN orders_queued integer NOT NULL DEFAULT 0;
ALTER TABLE sync_job ADD COLUMN orders_filtered integer NOT NULL DEFAULT 0;
ALTER TABLE sync_job ADD COLUMN orders_cancelled integer NOT NULL DEFAULT 0;
