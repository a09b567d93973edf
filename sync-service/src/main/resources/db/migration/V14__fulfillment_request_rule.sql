-- How the warehouse's fulfillment service answers the merchant's fulfillment requests (integration-service's
-- setting): accept_when_stocked (every line in stock at the service's location, the address complete; rejected with
-- Shopify's reason otherwise) or manual (the warehouse decides in the queue).
ALTER TABLE tenant_settings ADD COLUMN fulfillment_request_rule varchar(32) NOT NULL DEFAULT 'accept_when_stocked';
