-- Orders that change after import (Shopify order edits, refunds that take quantities away): before picking the queue
-- follows; once picking started, the change waits for a person to acknowledge it (the order is flagged
-- changed_after_picking) and picking stays as it was; after shipping it is only recorded. Each change is kept as a
-- list a person can read.
ALTER TABLE shop_order ADD COLUMN changed_after_picking boolean NOT NULL DEFAULT false;

CREATE TABLE order_edit (
    id                  uuid          PRIMARY KEY,
    tenant              varchar(63)   NOT NULL,
    order_id            uuid          NOT NULL REFERENCES shop_order (id) ON DELETE CASCADE,
    detected_at         timestamptz   NOT NULL,
    shopify_updated_at  timestamptz   NOT NULL,
    -- applied (before picking), awaiting_acknowledgement, acknowledged, superseded (a later change came before the
    -- acknowledgement, and holds this one's too), recorded_after_shipping
    state               varchar(32)   NOT NULL,
    -- JSON (kept as text: only ever read whole) [{kind: added | removed | quantity_changed, shopify_line_item_id, sku,
    -- title, from, to, text}]
    changes             text          NOT NULL,
    -- the order's lines as Shopify had them then, applied when the change is acknowledged
    lines               text          NOT NULL,
    acknowledged_at     timestamptz,
    acknowledged_by     varchar(255)
);

CREATE INDEX order_edit_by_order ON order_edit (tenant, order_id, detected_at);
