package com.proign.shopify.sync.inventory;

import java.time.OffsetDateTime;
import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** One inventory_level row (see V7): an inventory item's stock at a location, both ways, and its push. */
public record LevelRow(String tenant, long inventoryItemId, long locationId, Integer warehouseAvailable,
        OffsetDateTime warehouseSetAt, Integer shopifyAvailable, OffsetDateTime shopifySeenAt,
        OffsetDateTime shopifyChangedAt, PushState pushState, UUID pushKey, Integer pushFrom, Integer pushQuantity,
        int pushAttempts, String pushError, Integer lastPushedQuantity, OffsetDateTime lastPushedAt) {

    static final String COLUMNS = "tenant, inventory_item_id, location_id, warehouse_available, warehouse_set_at, "
            + "shopify_available, shopify_seen_at, shopify_changed_at, push_state, push_key, push_from, push_quantity, "
            + "push_attempts, push_error, last_pushed_quantity, last_pushed_at";

    static LevelRow of(Row row) {
        return new LevelRow(row.getString("tenant"), row.getLong("inventory_item_id"), row.getLong("location_id"),
                row.getInteger("warehouse_available"), row.getOffsetDateTime("warehouse_set_at"),
                row.getInteger("shopify_available"), row.getOffsetDateTime("shopify_seen_at"),
                row.getOffsetDateTime("shopify_changed_at"), PushState.valueOf(row.getString("push_state")), row.getUUID("push_key"),
                row.getInteger("push_from"), row.getInteger("push_quantity"), row.getInteger("push_attempts"),
                row.getString("push_error"), row.getInteger("last_pushed_quantity"), row.getOffsetDateTime("last_pushed_at"));
    }

    /** The same row, with what Shopify was just read to have. */
    LevelRow withShopifyAvailable(int available) {
        return new LevelRow(tenant, inventoryItemId, locationId, warehouseAvailable, warehouseSetAt, available, shopifySeenAt,
                shopifyChangedAt, pushState, pushKey, pushFrom, pushQuantity, pushAttempts, pushError, lastPushedQuantity,
                lastPushedAt);
    }
}
