-- The trace an order arrived in (the W3C traceparent of the record that created it: the gateway's webhook request,
-- or a sync pull), carried on to its fulfillment requests so that one trace runs from the webhook to Shopify's
-- fulfillment. Null when tracing was off.
ALTER TABLE shop_order ADD COLUMN origin_traceparent varchar(64);
ALTER TABLE outbox ADD COLUMN traceparent varchar(64);
