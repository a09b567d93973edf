package com.proign.shopify.sync.inventory;

import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Inventory items and levels as the sync keeps them; every query takes the tenant first. */
@ApplicationScoped
public class InventoryRepository {

    /** The tenant's inventory at a glance: items known, levels waiting or refused, the last push and Shopify change. */
    public record Summary(long items, long pending, long failed, OffsetDateTime lastPushedAt, OffsetDateTime lastShopifyChangeAt) {
    }

    private final Pool pool;

    public InventoryRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Summary> summary(String tenant) {
        return pool.preparedQuery("""
                SELECT (SELECT count(*) FROM inventory_item WHERE tenant = $1) AS items,
                       count(*) FILTER (WHERE push_state = 'pending') AS pending,
                       count(*) FILTER (WHERE push_state = 'failed') AS failed,
                       max(last_pushed_at) AS last_pushed, max(shopify_changed_at) AS last_changed
                  FROM inventory_level WHERE tenant = $1""").execute(Tuple.of(tenant)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Summary(row.getLong("items"), row.getLong("pending"), row.getLong("failed"),
                            row.getOffsetDateTime("last_pushed"), row.getOffsetDateTime("last_changed"));
                });
    }
}
