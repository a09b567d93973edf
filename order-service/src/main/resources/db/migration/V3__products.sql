-- Products and variants as Shopify last described them (products/update), for display and inventory: the SKU
-- and inventory item of each variant. Shopify's updated_at decides which of two deliveries is newer.
CREATE TABLE product (
    tenant               varchar(63)   NOT NULL,
    shopify_product_id   bigint        NOT NULL,
    title                varchar(512)  NOT NULL,
    status               varchar(32),
    shopify_updated_at   timestamptz   NOT NULL,
    updated_at           timestamptz   NOT NULL,
    PRIMARY KEY (tenant, shopify_product_id)
);

CREATE TABLE product_variant (
    tenant                     varchar(63)   NOT NULL,
    shopify_variant_id         bigint        NOT NULL,
    shopify_product_id         bigint        NOT NULL,
    sku                        varchar(255),
    title                      varchar(512),
    price                      numeric,
    shopify_inventory_item_id  bigint,
    PRIMARY KEY (tenant, shopify_variant_id),
    FOREIGN KEY (tenant, shopify_product_id) REFERENCES product (tenant, shopify_product_id) ON DELETE CASCADE
);
CREATE INDEX product_variant_tenant_sku_idx ON product_variant (tenant, sku);
