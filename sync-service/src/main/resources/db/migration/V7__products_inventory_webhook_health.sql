-- Product pulls run as sync jobs too (subject products: on connect and on demand); they have no date range.
ALTER TABLE sync_job ADD COLUMN subject varchar(16) NOT NULL DEFAULT 'orders';
ALTER TABLE sync_job ADD CONSTRAINT sync_job_subject_check CHECK (subject IN ('orders', 'products'));
ALTER TABLE sync_job ADD COLUMN products_seen integer NOT NULL DEFAULT 0;
ALTER TABLE sync_job ALTER COLUMN from_date DROP NOT NULL;
ALTER TABLE sync_job ALTER COLUMN to_date DROP NOT NULL;
ALTER TABLE sync_job ALTER COLUMN order_status DROP NOT NULL;
ALTER TABLE sync_job ADD CONSTRAINT sync_job_orders_have_a_range
    CHECK (subject <> 'orders' OR (from_date IS NOT NULL AND to_date IS NOT NULL AND order_status IS NOT NULL));
ALTER TABLE sync_log DROP CONSTRAINT sync_log_kind_check;
ALTER TABLE sync_log ADD CONSTRAINT sync_log_kind_check
    CHECK (kind IN ('job', 'reconcile', 'fulfillment', 'inventory', 'webhooks'));

-- The store's webhook subscriptions as integration-service last checked them (integration.settings).
ALTER TABLE tenant_settings ADD COLUMN webhooks_status varchar(16);
ALTER TABLE tenant_settings ADD COLUMN webhooks_checked_at timestamptz;
ALTER TABLE tenant_settings ADD COLUMN webhooks_restored_at timestamptz;
ALTER TABLE tenant_settings ADD COLUMN webhooks_restored_count integer NOT NULL DEFAULT 0;
ALTER TABLE tenant_settings ADD COLUMN webhooks_error varchar(500);

-- Each variant's inventory item, from products/update and the product pulls (shopify.products): how a SKU the
-- warehouse counts finds its Shopify inventory item. A product's newer description replaces its variants.
CREATE TABLE inventory_item (
    tenant              varchar(63)   NOT NULL,
    inventory_item_id   bigint        NOT NULL,
    product_id          bigint        NOT NULL,
    variant_id          bigint        NOT NULL,
    sku                 varchar(255),
    product_title       text,
    variant_title       text,
    product_updated_at  timestamptz   NOT NULL,
    PRIMARY KEY (tenant, inventory_item_id)
);
CREATE INDEX inventory_item_sku_idx ON inventory_item (tenant, sku);
CREATE INDEX inventory_item_product_idx ON inventory_item (tenant, product_id);

-- Stock of an inventory item at a location, both ways: what the warehouse set (pushed to Shopify with
-- inventorySetQuantities) and what Shopify last said (its answers, re-reads and inventory_levels/update).
--   push_state: idle (nothing to send), pending (warehouse_available to send), failed (Shopify refused it).
--   push_key/push_from/push_quantity: the request in flight (its @idempotent key, changeFromQuantity and quantity),
--   re-sent unchanged after a timeout or a crash; rows sharing a key went in one request.
--   last_pushed_*: what this service set last, to know Shopify's inventory_levels/update echoing it.
CREATE TABLE inventory_level (
    tenant                varchar(63)   NOT NULL,
    inventory_item_id     bigint        NOT NULL,
    location_id           bigint        NOT NULL,
    warehouse_available   integer,
    warehouse_set_at      timestamptz,
    shopify_available     integer,
    shopify_seen_at       timestamptz,
    shopify_changed_at    timestamptz,
    push_state            varchar(8)    NOT NULL DEFAULT 'idle',
    push_key              uuid,
    push_from             integer,
    push_quantity         integer,
    push_attempts         integer       NOT NULL DEFAULT 0,
    push_error            text,
    next_attempt_at       timestamptz,
    lease_until           timestamptz,
    last_pushed_quantity  integer,
    last_pushed_at        timestamptz,
    updated_at            timestamptz   NOT NULL,
    PRIMARY KEY (tenant, inventory_item_id, location_id),
    CONSTRAINT inventory_level_push_state_check CHECK (push_state IN ('idle', 'pending', 'failed'))
);
CREATE INDEX inventory_level_pending_idx ON inventory_level (next_attempt_at) WHERE push_state = 'pending';
CREATE INDEX inventory_level_changed_idx ON inventory_level (tenant, shopify_changed_at);

-- One product pull at a time per tenant (a second request is answered with the one under way).
CREATE UNIQUE INDEX sync_job_one_product_pull ON sync_job (tenant) WHERE subject = 'products' AND status IN ('queued', 'running');
