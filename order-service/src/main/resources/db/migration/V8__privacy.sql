-- The customer's privacy (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance).
-- An order whose customer's personal data was erased (customers/redact, or the retention pass) says when; later
-- deliveries of it never bring the data back.
ALTER TABLE shop_order ADD COLUMN redacted_at timestamptz;
-- the retention pass looks for finished orders not redacted yet, oldest change first
CREATE INDEX shop_order_retention_idx ON shop_order (updated_at)
    WHERE redacted_at IS NULL AND status IN ('shipped', 'cancelled', 'refunded');

-- Each privacy request this service was sent, and each retention pass that erased something: who asked (Shopify's
-- webhook id, or "retention"), when, what was erased by kind and count, never the data itself. One row per delivery:
-- a redelivery finds it and does nothing again.
CREATE TABLE privacy_request (
    id            uuid          PRIMARY KEY,
    tenant        varchar(63)   NOT NULL,
    topic         varchar(32)   NOT NULL,
    webhook_id    varchar(128)  NOT NULL,
    requested_at  timestamptz,
    completed_at  timestamptz   NOT NULL,
    outcome       varchar(32)   NOT NULL,
    orders        integer       NOT NULL,
    erased        varchar(500)  NOT NULL,
    CONSTRAINT privacy_request_webhook_key UNIQUE (tenant, webhook_id)
);
CREATE INDEX privacy_request_tenant_idx ON privacy_request (tenant, completed_at DESC);

-- What customers/data_request asked for, ready for the tenant's owner to fetch and hand to the merchant: the
-- customer's data this service holds, as JSON. Personal data itself, so it is kept only until expires_at (the
-- retention pass deletes it then), and erased by the customer's customers/redact and by shop/redact.
CREATE TABLE customer_data_export (
    id                       uuid          PRIMARY KEY,
    tenant                   varchar(63)   NOT NULL,
    privacy_request_id       uuid          NOT NULL REFERENCES privacy_request (id),
    shopify_data_request_id  bigint,
    shopify_customer_id      bigint,
    created_at               timestamptz   NOT NULL,
    expires_at               timestamptz   NOT NULL,
    orders                   integer       NOT NULL,
    document                 text          NOT NULL
);
CREATE INDEX customer_data_export_tenant_idx ON customer_data_export (tenant, created_at DESC);
