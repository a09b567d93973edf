-- A second way to fulfil (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps): the
-- warehouse registered in the store as a fulfillment service with a location of its own, to which Shopify's order
-- routing assigns fulfillment orders. merchant_managed (the default) fulfils at a location the merchant manages.
ALTER TABLE shop_settings
    ADD COLUMN fulfillment_mode                varchar(32)  NOT NULL DEFAULT 'merchant_managed',
    ADD COLUMN fulfillment_service_name        varchar(255),
    -- the service Shopify made, and its location: kept when the mode goes back to merchant_managed (orders in flight
    -- there are still the warehouse's), deleted in Shopify on disconnect only when asked
    ADD COLUMN fulfillment_service_id          bigint,
    ADD COLUMN fulfillment_service_location_id bigint,
    ADD CONSTRAINT shop_settings_fulfillment_mode_check CHECK (fulfillment_mode IN ('merchant_managed', 'fulfillment_service'));
