-- The fulfillment queue: one row per (tenant, Shopify order), its lines, and the deliveries already applied.
CREATE TABLE shop_order (
    id                    uuid          PRIMARY KEY,
    tenant                varchar(63)   NOT NULL,
    shopify_order_id      bigint        NOT NULL,
    shopify_order_number  varchar(64)   NOT NULL,
    status                varchar(16)   NOT NULL,
    financial_status      varchar(32),
    fulfillment_status    varchar(32),
    currency              varchar(3),
    -- unconstrained numeric keeps the scale Shopify sent ("199.00" stays 199.00)
    total_price           numeric,
    ship_name             varchar(255),
    ship_company          varchar(255),
    ship_address1         varchar(255),
    ship_address2         varchar(255),
    ship_city             varchar(255),
    ship_province         varchar(255),
    ship_province_code    varchar(16),
    ship_zip              varchar(32),
    ship_country          varchar(255),
    ship_country_code     varchar(2),
    ship_phone            varchar(64),
    -- Shopify's own times; updated_at decides which of two deliveries is newer
    shopify_created_at    timestamptz,
    shopify_created_at_offset integer,
    shopify_updated_at    timestamptz   NOT NULL,
    cancelled_at          timestamptz,
    imported_at           timestamptz   NOT NULL,
    updated_at            timestamptz   NOT NULL,
    version               bigint        NOT NULL DEFAULT 0,
    CONSTRAINT shop_order_tenant_shopify_order_key UNIQUE (tenant, shopify_order_id),
    CONSTRAINT shop_order_status_check CHECK (status IN ('pending', 'picking', 'packed', 'shipped', 'cancelled', 'on_hold'))
);
-- keyset pagination of a tenant's queue, newest first
CREATE INDEX shop_order_tenant_imported_idx ON shop_order (tenant, imported_at DESC, id DESC);

CREATE TABLE order_line (
    id                    uuid          PRIMARY KEY,
    order_id              uuid          NOT NULL REFERENCES shop_order (id) ON DELETE CASCADE,
    tenant                varchar(63)   NOT NULL,
    shopify_line_item_id  bigint        NOT NULL,
    shopify_variant_id    bigint,
    shopify_product_id    bigint,
    sku                   varchar(255),
    title                 varchar(512)  NOT NULL,
    variant_title         varchar(512),
    quantity              integer       NOT NULL,
    fulfillable_quantity  integer       NOT NULL,
    price                 numeric       NOT NULL,
    requires_shipping     boolean       NOT NULL,
    gift_card             boolean       NOT NULL,
    CONSTRAINT order_line_order_item_key UNIQUE (order_id, shopify_line_item_id)
);
CREATE INDEX order_line_tenant_sku_idx ON order_line (tenant, sku);

-- Deliveries already applied, by X-Shopify-Webhook-Id: a redelivery is skipped with one insert.
CREATE TABLE processed_delivery (
    tenant       varchar(63)   NOT NULL,
    webhook_id   varchar(128)  NOT NULL,
    topic        varchar(64)   NOT NULL,
    processed_at timestamptz   NOT NULL,
    PRIMARY KEY (tenant, webhook_id)
);
