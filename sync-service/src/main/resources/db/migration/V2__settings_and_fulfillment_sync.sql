-- The tenants' integration settings as integration-service publishes them (integration.settings, compacted).
CREATE TABLE tenant_settings (
    tenant                      varchar(63)   PRIMARY KEY,
    settings_version            bigint        NOT NULL,
    connection_status           varchar(16)   NOT NULL,
    shop_domain                 varchar(255),
    fulfillment_location_id     bigint,
    auto_sync_interval_minutes  integer       NOT NULL,
    inventory_sync              boolean       NOT NULL,
    notify_customer             boolean       NOT NULL,
    updated_at                  timestamptz   NOT NULL
);

-- Each fulfillment request (one shipment) and what became of it in Shopify: the key that makes a redelivered
-- request change nothing.
CREATE TABLE fulfillment_sync (
    shipment_id             uuid          PRIMARY KEY,
    tenant                  varchar(63)   NOT NULL,
    shopify_order_id        bigint        NOT NULL,
    status                  varchar(16)   NOT NULL,
    shopify_fulfillment_ids text,
    -- the last request as received (JSON): what a later attempt re-drives, and the tracking Shopify was given
    request                 text          NOT NULL,
    attempts                integer       NOT NULL DEFAULT 0,
    last_error              text,
    created_at              timestamptz   NOT NULL,
    updated_at              timestamptz   NOT NULL,
    CONSTRAINT fulfillment_sync_status_check CHECK (status IN ('pending', 'synced', 'failed'))
);
CREATE INDEX fulfillment_sync_tenant_status_idx ON fulfillment_sync (tenant, status, updated_at DESC);
