-- Each fulfillment order of an order as the sync-service last read it from Shopify, not its holds only: where it is
-- assigned (the warehouse's fulfillment location or not; a fulfillment service's, by the service's name), its date
-- when scheduled, and what it holds of each line item
-- (https://shopify.dev/docs/api/admin-graphql/latest/objects/FulfillmentOrder). What Shopify assigned elsewhere
-- is not the warehouse's to pick.
ALTER TABLE fulfillment_hold RENAME TO fulfillment_order_state;
ALTER INDEX fulfillment_hold_order_idx RENAME TO fulfillment_order_state_held_idx;
ALTER TABLE fulfillment_order_state
    -- rows read before this version were all at the fulfillment location (others were not recorded)
    ADD COLUMN at_fulfillment_location boolean     NOT NULL DEFAULT true,
    ADD COLUMN location_name           varchar(255),
    ADD COLUMN fulfillment_service     varchar(255),
    ADD COLUMN fulfill_at              timestamptz,
    -- [{"line_item_id", "total_quantity", "remaining_quantity"}]; NULL when not read (older rows)
    ADD COLUMN lines                   jsonb;
CREATE INDEX fulfillment_order_state_order_idx ON fulfillment_order_state (tenant, shopify_order_id);

-- Units of a line Shopify assigned to other locations or fulfillment services (shipped there or still to ship), and
-- where, in words: what the pick list leaves out. shopify_elsewhere_quantity is what Shopify says now; it becomes
-- elsewhere_quantity at once before picking starts, and once someone acknowledges the change after.
ALTER TABLE order_line
    ADD COLUMN elsewhere_quantity          integer      NOT NULL DEFAULT 0,
    ADD COLUMN shopify_elsewhere_quantity  integer      NOT NULL DEFAULT 0,
    ADD COLUMN assigned_elsewhere          varchar(500);

-- assigned_elsewhere: all of the order was assigned to other locations or fulfillment services before picking started
ALTER TABLE shop_order DROP CONSTRAINT shop_order_status_check;
ALTER TABLE shop_order ADD CONSTRAINT shop_order_status_check CHECK (status IN
    ('filtered', 'pending', 'picking', 'packed', 'partially_shipped', 'shipped', 'cancelled', 'on_hold', 'refunded',
     'assigned_elsewhere'));
