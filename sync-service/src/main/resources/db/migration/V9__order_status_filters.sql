-- A history pull may ask for the order statuses a merchant means (OrderStatusFilter), not only Shopify's status.
ALTER TABLE sync_job DROP CONSTRAINT sync_job_order_status_check;
ALTER TABLE sync_job ALTER COLUMN order_status TYPE varchar(32);
ALTER TABLE sync_job ADD CONSTRAINT sync_job_order_status_check CHECK (order_status IN
    ('any', 'open', 'closed', 'cancelled', 'unfulfilled', 'partially_fulfilled', 'fulfilled', 'unpaid', 'paid'));
