package com.proign.shopify.sync.inventory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Inventory items and levels (inventory_item, inventory_level), with the reactive SQL client: the push works in set
 * statements under leases, which an entity session would only get in the way of. Every query takes the tenant
 * first, except {@link #claimDue}, which serves every tenant by design (the push runner), and the statements on a
 * request's key, which the runner holds after its claim.
 */
@ApplicationScoped
public class InventoryRepository {

    /** The tenant's inventory at a glance: items known, levels waiting or refused, the last push and Shopify change. */
    public record Summary(long items, long pending, long failed, OffsetDateTime lastPushedAt, OffsetDateTime lastShopifyChangeAt) {
    }

    /** The catalogue's inventory item of each SKU that one variant has, and the SKUs that several share. */
    public record Items(Map<String, Long> single, Set<String> ambiguous) {
    }

    /** What the push needs to know of the tenant's settings. */
    public record PushSettings(boolean connected, boolean inventorySync, Long locationId) {
    }

    /** A page of levels: which SKUs (null: all), in which push state, changed by Shopify since, after an item id. */
    public record LevelQuery(List<String> skus, PushState pushState, OffsetDateTime shopifyChangedSince, Long after, int limit) {
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

    /**
     * Where the warehouse's stock is kept in Shopify: its fulfillment service's location in fulfillment_service mode
     * (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps), the fulfillment location
     * otherwise.
     */
    public static final String STOCK_LOCATION = """
            CASE WHEN fulfillment_mode = 'fulfillment_service' THEN fulfillment_service_location_id
                 ELSE fulfillment_location_id END""";

    /** The tenant's settings as the push reads them (a store not yet followed: not connected). */
    public Uni<PushSettings> pushSettings(String tenant) {
        return pool.preparedQuery("""
                SELECT connection_status, inventory_sync, """ + STOCK_LOCATION
                + " AS fulfillment_location_id FROM tenant_settings WHERE tenant = $1")
                .execute(Tuple.of(tenant)).map(found -> {
                    if (found.size() == 0) {
                        return new PushSettings(false, false, null);
                    }
                    Row row = found.iterator().next();
                    return new PushSettings("connected".equals(row.getString("connection_status")),
                            row.getBoolean("inventory_sync"), row.getLong("fulfillment_location_id"));
                });
    }

    /**
     * What the warehouse has of each SKU at the location: the quantity it set there, or Shopify's when it set none;
     * SKUs without a level there are absent (the warehouse does not stock them).
     */
    public Uni<Map<String, Integer>> stockAt(String tenant, long location, Set<String> skus) {
        return pool.preparedQuery("""
                SELECT i.sku, sum(coalesce(l.warehouse_available, l.shopify_available, 0))::int AS available
                  FROM inventory_item i JOIN inventory_level l
                    ON l.tenant = i.tenant AND l.inventory_item_id = i.inventory_item_id AND l.location_id = $3
                 WHERE i.tenant = $1 AND i.sku = ANY($2)
                   AND (l.warehouse_available IS NOT NULL OR l.shopify_available IS NOT NULL)
                 GROUP BY i.sku""")
                .execute(Tuple.of(tenant, skus.toArray(String[]::new), location)).map(rows -> {
                    Map<String, Integer> stock = new java.util.HashMap<>();
                    rows.forEach(row -> stock.put(row.getString("sku"), row.getInteger("available")));
                    return stock;
                });
    }

    public Uni<Items> items(String tenant, Set<String> skus) {
        return pool.preparedQuery("SELECT sku, inventory_item_id FROM inventory_item WHERE tenant = $1 AND sku = ANY($2)")
                .execute(Tuple.of(tenant, skus.toArray(new String[0]))).map(rows -> {
                    Map<String, Long> items = new HashMap<>();
                    Set<String> ambiguous = new HashSet<>();
                    for (Row row : rows) {
                        if (items.put(row.getString("sku"), row.getLong("inventory_item_id")) != null) {
                            ambiguous.add(row.getString("sku"));
                        }
                    }
                    ambiguous.forEach(items::remove);
                    return new Items(items, ambiguous);
                });
    }

    /**
     * The warehouse's quantities ({@code available} per inventory item) at the location, pending for Shopify. A
     * request in flight (push_key) keeps its parameters; the new quantity goes after it.
     */
    public Uni<Void> setWarehouse(String tenant, long location, Map<Long, Integer> available) {
        List<Tuple> rows = new ArrayList<>();
        available.forEach((item, quantity) -> rows.add(Tuple.of(tenant, item, location, quantity)));
        return pool.withTransaction(connection -> connection.preparedQuery("""
                INSERT INTO inventory_level (tenant, inventory_item_id, location_id, warehouse_available, warehouse_set_at,
                                             push_state, next_attempt_at, updated_at)
                VALUES ($1, $2, $3, $4, now(), 'pending', now(), now())
                ON CONFLICT (tenant, inventory_item_id, location_id) DO UPDATE
                  SET warehouse_available = excluded.warehouse_available, warehouse_set_at = now(), push_state = 'pending',
                      push_error = NULL, next_attempt_at = CASE WHEN inventory_level.push_key IS NULL THEN now()
                                                                ELSE inventory_level.next_attempt_at END,
                      push_attempts = CASE WHEN inventory_level.push_key IS NULL THEN 0 ELSE inventory_level.push_attempts END,
                      updated_at = now()""").executeBatch(rows)).replaceWithVoid();
    }

    /** One page of the tenant's levels with their SKUs, by inventory item id. */
    public Uni<List<Level>> levels(String tenant, LevelQuery query) {
        List<Object> params = new ArrayList<>(List.of(tenant));
        StringBuilder where = new StringBuilder("l.tenant = $1");
        if (query.skus() != null) {
            params.add(query.skus().toArray(new String[0]));
            where.append(" AND i.sku = ANY($").append(params.size()).append(')');
        }
        if (query.pushState() != null) {
            params.add(query.pushState().name());
            where.append(" AND l.push_state = $").append(params.size());
        }
        if (query.shopifyChangedSince() != null) {
            params.add(query.shopifyChangedSince());
            where.append(" AND l.shopify_changed_at >= $").append(params.size());
        }
        if (query.after() != null) {
            params.add(query.after());
            where.append(" AND l.inventory_item_id > $").append(params.size());
        }
        params.add(query.limit());
        return pool.preparedQuery("SELECT i.sku, " + LevelRow.COLUMNS.replaceAll("(^|, )", "$1l.") + """
                  FROM inventory_level l
                  LEFT JOIN inventory_item i ON i.tenant = l.tenant AND i.inventory_item_id = l.inventory_item_id
                 WHERE\s""" + where + " ORDER BY l.inventory_item_id, l.location_id LIMIT $" + params.size())
                .execute(Tuple.from(params)).map(rows -> {
                    List<Level> levels = new ArrayList<>();
                    for (Row row : rows) {
                        levels.add(new Level(row.getString("sku"), LevelRow.of(row)));
                    }
                    return levels;
                });
    }

    /** A level with the SKU it is known by. */
    public record Level(String sku, LevelRow row) {
    }

    /** Leases the pending levels that are due, of any tenant, oldest due first. */
    Uni<List<LevelRow>> claimDue(int limit, Duration lease) {
        return pool.preparedQuery("""
                UPDATE inventory_level SET lease_until = now() + make_interval(secs => $1)
                 WHERE (tenant, inventory_item_id, location_id) IN (
                       SELECT tenant, inventory_item_id, location_id FROM inventory_level
                        WHERE push_state = 'pending' AND next_attempt_at <= now()
                          AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + LevelRow.COLUMNS).execute(Tuple.of((double) lease.toSeconds(), limit))
                .map(InventoryRepository::rows);
    }

    /** Saves a new request (its key, the compare quantity, the quantity) with its levels; the levels as saved. */
    Uni<List<LevelRow>> saveRequest(UUID key, List<LevelRow> rows) {
        List<Tuple> updates = rows.stream().map(r -> Tuple.of(key, r.shopifyAvailable(), r.tenant(), r.inventoryItemId(),
                r.locationId())).toList();
        return pool.preparedQuery("""
                UPDATE inventory_level SET push_key = $1, push_from = $2, push_quantity = warehouse_available,
                       updated_at = now()
                 WHERE tenant = $3 AND inventory_item_id = $4 AND location_id = $5""").executeBatch(updates)
                .chain(() -> pool.preparedQuery("SELECT " + LevelRow.COLUMNS + " FROM inventory_level WHERE push_key = $1")
                        .execute(Tuple.of(key)))
                .map(InventoryRepository::rows);
    }

    /** What Shopify was just read to have of the level. */
    Uni<Void> seenInShopify(LevelRow row, int available) {
        return pool.preparedQuery("""
                UPDATE inventory_level SET shopify_available = $1, shopify_seen_at = now(), updated_at = now()
                 WHERE tenant = $2 AND inventory_item_id = $3 AND location_id = $4""")
                .execute(Tuple.of(available, row.tenant(), row.inventoryItemId(), row.locationId())).replaceWithVoid();
    }

    /** The request was applied: Shopify has the quantities; a level changed again meanwhile stays pending. */
    Uni<Void> applied(UUID key) {
        return update("""
                UPDATE inventory_level
                   SET shopify_available = push_quantity, shopify_seen_at = now(),
                       last_pushed_quantity = push_quantity, last_pushed_at = now(),
                       push_state = CASE WHEN warehouse_available = push_quantity THEN 'idle' ELSE 'pending' END,
                       push_key = NULL, push_from = NULL, push_quantity = NULL, push_attempts = 0, push_error = NULL,
                       next_attempt_at = now(), lease_until = NULL, updated_at = now()
                 WHERE push_key = $1""", Tuple.of(key));
    }

    /** The request is dropped (its key belongs to its parameters); its levels go again after {@code delay}, as new. */
    Uni<Void> startOver(UUID key, int attempts, Duration delay) {
        return update("""
                UPDATE inventory_level SET push_key = NULL, push_from = NULL, push_quantity = NULL,
                       push_attempts = $2, lease_until = NULL, updated_at = now(),
                       next_attempt_at = now() + make_interval(secs => $3)
                 WHERE push_key = $1""", Tuple.of(key, attempts, (double) delay.toSeconds()));
    }

    /** The same request, same key, after {@code delay}: Shopify applies a key once. */
    Uni<Void> sendAgainLater(UUID key, int attempts, String why, Duration delay) {
        return update("""
                UPDATE inventory_level SET push_attempts = $2, push_error = $3, lease_until = NULL, updated_at = now(),
                       next_attempt_at = now() + make_interval(secs => $4)
                 WHERE push_key = $1""", Tuple.of(key, attempts, why, (double) delay.toSeconds()));
    }

    /** The levels go again at once, in a new request. */
    Uni<Void> sendAgainNow(List<LevelRow> rows) {
        return pool.preparedQuery("""
                UPDATE inventory_level SET push_key = NULL, push_from = NULL, push_quantity = NULL, lease_until = NULL,
                       next_attempt_at = now(), updated_at = now()
                 WHERE tenant = $1 AND inventory_item_id = $2 AND location_id = $3""")
                .executeBatch(rows.stream().map(r -> Tuple.of(r.tenant(), r.inventoryItemId(), r.locationId())).toList())
                .replaceWithVoid();
    }

    /** The levels are failed with {@code why}, until the warehouse sets them again. */
    Uni<Void> failed(List<LevelRow> rows, String why) {
        return pool.preparedQuery("""
                UPDATE inventory_level SET push_state = 'failed', push_error = $4, push_key = NULL, push_from = NULL,
                       push_quantity = NULL, lease_until = NULL, updated_at = now()
                 WHERE tenant = $1 AND inventory_item_id = $2 AND location_id = $3""")
                .executeBatch(rows.stream().map(r -> Tuple.of(r.tenant(), r.inventoryItemId(), r.locationId(), why)).toList())
                .replaceWithVoid();
    }

    private Uni<Void> update(String sql, Tuple params) {
        return pool.preparedQuery(sql).execute(params).replaceWithVoid();
    }

    private static List<LevelRow> rows(RowSet<Row> rows) {
        List<LevelRow> found = new ArrayList<>();
        for (Row row : rows) {
            found.add(LevelRow.of(row));
        }
        return found;
    }
}
