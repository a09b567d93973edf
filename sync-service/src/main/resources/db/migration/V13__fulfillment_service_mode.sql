-- How the tenant's warehouse fulfils (integration.settings): at a location the merchant manages, or as the store's
-- fulfillment service, whose own location's fulfillment orders are the warehouse's whatever the mode (orders in
-- flight there when the mode went back stay the warehouse's).
ALTER TABLE tenant_settings
    ADD COLUMN fulfillment_mode                varchar(32) NOT NULL DEFAULT 'merchant_managed',
    ADD COLUMN fulfillment_service_location_id bigint;
