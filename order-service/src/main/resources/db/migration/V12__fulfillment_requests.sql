-- The warehouse as the store's fulfillment service
-- (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps): the merchant's requests to it
-- and their answers, as the sync-service last read them.
ALTER TABLE fulfillment_order_state
    -- Shopify's FulfillmentOrderRequestStatus (UNSUBMITTED, SUBMITTED, ACCEPTED, REJECTED, CANCELLATION_*, CLOSED)
    ADD COLUMN request_status  varchar(32),
    -- the merchant's message with the newest request, and the service's answer to it in words
    ADD COLUMN request_message varchar(1000),
    ADD COLUMN response        varchar(1000);

-- An order of the warehouse's fulfillment service: its fulfillment request (unsubmitted: assigned to the service, the
-- merchant has not asked yet; submitted: waiting for the warehouse's answer; accepted; rejected) and the merchant's cancellation request (requested, accepted, rejected),
-- with what the merchant said and what was answered, in words.
ALTER TABLE shop_order
    ADD COLUMN fulfillment_request  varchar(16),
    ADD COLUMN cancellation_request varchar(16),
    ADD COLUMN request_note         varchar(1000),
    ADD CONSTRAINT shop_order_fulfillment_request_check CHECK (fulfillment_request IN ('unsubmitted', 'submitted', 'accepted', 'rejected')),
    ADD CONSTRAINT shop_order_cancellation_request_check CHECK (cancellation_request IN ('requested', 'accepted', 'rejected'));

-- requested: Shopify asked the warehouse's fulfillment service to fulfil it, and the warehouse has not answered;
-- rejected: the warehouse rejected the request (out of the queue until the merchant asks again)
ALTER TABLE shop_order DROP CONSTRAINT shop_order_status_check;
ALTER TABLE shop_order ADD CONSTRAINT shop_order_status_check CHECK (status IN
    ('filtered', 'pending', 'picking', 'packed', 'partially_shipped', 'shipped', 'cancelled', 'on_hold', 'refunded',
     'assigned_elsewhere', 'requested', 'rejected'));

-- How the merchant's cancellation requests are answered (integration-service's setting): accepted before picking
-- starts and rejected once packed (accept_before_picking), or by the warehouse (manual).
ALTER TABLE tenant_settings ADD COLUMN cancellation_request_rule varchar(32) NOT NULL DEFAULT 'accept_before_picking';
