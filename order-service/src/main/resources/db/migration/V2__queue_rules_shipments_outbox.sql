-- The queue's rules: an order enters when it passes the tenant's order status filter ('filtered' until then);
-- partial shipments; holds remember where the order was; a cancellation after shipping is flagged, never applied.
ALTER TABLE shop_order DROP CONSTRAINT shop_order_status_check;
ALTER TABLE shop_order ALTER COLUMN status TYPE varchar(32);
ALTER TABLE shop_order ADD CONSTRAINT shop_order_status_check CHECK (status IN
    ('filtered', 'pending', 'picking', 'packed', 'partially_shipped', 'shipped', 'cancelled', 'on_hold'));
ALTER TABLE shop_order ADD COLUMN queued_at timestamptz;
UPDATE shop_order SET queued_at = imported_at WHERE status <> 'cancelled';
ALTER TABLE shop_order ADD COLUMN held_from varchar(32);
ALTER TABLE shop_order ADD COLUMN hold_reason varchar(500);
ALTER TABLE shop_order ADD COLUMN cancelled_after_shipping boolean NOT NULL DEFAULT false;
CREATE INDEX shop_order_tenant_status_idx ON shop_order (tenant, status, imported_at DESC, id DESC);
CREATE INDEX shop_order_tenant_number_idx ON shop_order (tenant, shopify_order_number);

ALTER TABLE order_line ADD COLUMN shipped_quantity integer NOT NULL DEFAULT 0;

-- What the warehouse shipped, and whether Shopify knows yet (the sync-service's result).
CREATE TABLE shipment (
    id                      uuid          PRIMARY KEY,
    tenant                  varchar(63)   NOT NULL,
    order_id                uuid          NOT NULL REFERENCES shop_order (id) ON DELETE CASCADE,
    carrier                 varchar(255),
    tracking_number         varchar(255),
    tracking_url            varchar(2048),
    shipped_at              timestamptz   NOT NULL,
    sync_status             varchar(16)   NOT NULL,
    sync_error              text,
    synced_at               timestamptz,
    shopify_fulfillment_id  bigint,
    CONSTRAINT shipment_sync_status_check CHECK (sync_status IN ('pending', 'synced', 'failed'))
);
CREATE INDEX shipment_order_idx ON shipment (order_id);

CREATE TABLE shipment_line (
    shipment_id           uuid     NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
    shopify_line_item_id  bigint   NOT NULL,
    quantity              integer  NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, shopify_line_item_id)
);

-- Transactional outbox: records written in the same transaction as the change they announce, published by the
-- relay in id order, then marked.
CREATE TABLE outbox (
    id            bigserial     PRIMARY KEY,
    tenant        varchar(63)   NOT NULL,
    topic         varchar(255)  NOT NULL,
    record_key    varchar(255)  NOT NULL,
    event_type    varchar(255)  NOT NULL,
    event_id      uuid          NOT NULL,
    payload       text          NOT NULL,
    created_at    timestamptz   NOT NULL,
    published_at  timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- The tenants' order status filters, followed from integration.settings (compacted, keyed by tenant).
CREATE TABLE tenant_settings (
    tenant               varchar(63)  PRIMARY KEY,
    order_status_filter  varchar(16)  NOT NULL,
    settings_version     bigint       NOT NULL,
    updated_at           timestamptz  NOT NULL,
    CONSTRAINT tenant_settings_filter_check CHECK (order_status_filter IN ('any', 'authorized', 'paid'))
);
