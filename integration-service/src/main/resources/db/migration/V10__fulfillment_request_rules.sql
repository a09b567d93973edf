-- How the warehouse answers the merchant's requests in fulfillment_service mode
-- (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps/build-for-fulfillment-services):
-- fulfillment requests are accepted when every line is in stock at the service's location and the address is
-- complete, rejected with Shopify's reason otherwise (accept_when_stocked), or left to the warehouse (manual);
-- cancellation requests are accepted while nothing is picked and rejected once the order is packed
-- (accept_before_picking), or left to the warehouse (manual).
ALTER TABLE shop_settings
    ADD COLUMN fulfillment_request_rule  varchar(32) NOT NULL DEFAULT 'accept_when_stocked',
    ADD COLUMN cancellation_request_rule varchar(32) NOT NULL DEFAULT 'accept_before_picking',
    ADD CONSTRAINT shop_settings_fulfillment_request_rule_check
        CHECK (fulfillment_request_rule IN ('accept_when_stocked', 'manual')),
    ADD CONSTRAINT shop_settings_cancellation_request_rule_check
        CHECK (cancellation_request_rule IN ('accept_before_picking', 'manual'));
