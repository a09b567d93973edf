-- A fully refunded order leaves the queue as 'refunded' (before picking; once picking started, the refund waits for a
-- person like any change of the order's lines, and the acknowledgement takes the order out when nothing is left).
ALTER TABLE shop_order DROP CONSTRAINT shop_order_status_check;
ALTER TABLE shop_order ADD CONSTRAINT shop_order_status_check CHECK (status IN
    ('filtered', 'pending', 'picking', 'packed', 'partially_shipped', 'shipped', 'cancelled', 'on_hold', 'refunded'));
