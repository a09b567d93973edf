-- Holds placed in Shopify on an order's fulfillment orders at the warehouse's location (by the merchant, or by Shopify
-- itself: awaiting payment, high risk of fraud, incorrect address, ...), as the sync-service last read them:
-- https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentHold. An order with a held fulfillment order
-- is on_hold in the queue (held_by_shopify) until Shopify releases it; a hold read before its order was imported
-- is applied once the order is there.
CREATE TABLE fulfillment_hold (
    tenant                varchar(63)   NOT NULL,
    fulfillment_order_id  bigint        NOT NULL,
    shopify_order_id      bigint        NOT NULL,
    status                varchar(32)   NOT NULL,
    -- the holds in words, for the warehouse ("high risk of fraud: card declined twice"); empty when none
    reasons               varchar(1000) NOT NULL,
    held                  boolean       NOT NULL,
    read_at               timestamptz   NOT NULL,
    PRIMARY KEY (tenant, fulfillment_order_id)
);
CREATE INDEX fulfillment_hold_order_idx ON fulfillment_hold (tenant, shopify_order_id) WHERE held;

ALTER TABLE shop_order ADD COLUMN held_by_shopify boolean NOT NULL DEFAULT false;
