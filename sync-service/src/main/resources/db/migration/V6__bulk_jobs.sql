-- Large ranges run as a Shopify bulk operation: its id is the job's checkpoint until its JSONL is read; orders_seen
-- then says how many of its orders were published, so a resumed job skips them.
ALTER TABLE sync_job ADD COLUMN mode varchar(8) NOT NULL DEFAULT 'paged';
ALTER TABLE sync_job ADD COLUMN bulk_operation_id varchar(255);
ALTER TABLE sync_job ADD CONSTRAINT sync_job_mode_check CHECK (mode IN ('paged', 'bulk'));
