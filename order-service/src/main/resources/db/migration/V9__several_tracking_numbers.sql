-- A shipment may go out as several parcels, each with its tracking number (and URL, by position): Shopify's
-- FulfillmentTrackingInput takes numbers and urls (https://shopify.dev/docs/api/admin-graphql/latest/input-objects/FulfillmentTrackingInput).
-- tracking_number and tracking_url stay the first of each, as the API has always shown them.
ALTER TABLE shipment ADD COLUMN tracking_numbers varchar(255)[] NOT NULL DEFAULT '{}';
ALTER TABLE shipment ADD COLUMN tracking_urls varchar(2048)[] NOT NULL DEFAULT '{}';
UPDATE shipment SET tracking_numbers = ARRAY[tracking_number] WHERE tracking_number IS NOT NULL;
UPDATE shipment SET tracking_urls = ARRAY[tracking_url] WHERE tracking_url IS NOT NULL;
