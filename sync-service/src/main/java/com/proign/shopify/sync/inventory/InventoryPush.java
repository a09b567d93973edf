package com.proign.shopify.sync.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.sync.client.ShopifyException;
import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.config.SyncConfig;
import com.proign.shopify.sync.log.SyncLog;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends the warehouse's quantities to Shopify (FACTS §8): pending levels are claimed with a lease (so several
 * instances share the work, none sends a level twice at once), a tenant's levels go in one
 * {@code inventorySetQuantities} of up to {@code sync.inventory.batch} quantities, each with
 * {@code changeFromQuantity} = what Shopify was last known to have, under an {@code @idempotent} key saved with
 * the rows before the request leaves. Then:
 * <ul>
 * <li>applied: Shopify's quantity is the warehouse's; a level changed again meanwhile stays pending;</li>
 * <li>CHANGE_FROM_QUANTITY_STALE (Shopify's stock moved since it was read): the levels are read again and sent
 * again at once, under a new key (the key belongs to one request's parameters);</li>
 * <li>a timeout, 5xx or throttling that outlasted the client's own retries: the same request, same key, later
 * (backoff), so Shopify applies it once even if the first one did arrive;</li>
 * <li>refused (a user error for one quantity, a missing scope): that level is marked failed with Shopify's message,
 * visible in the API, the sync log and the status; the others are sent again.</li>
 * </ul>
 */
@ApplicationScoped
public class InventoryPush {

    private static final Logger LOG = Logger.getLogger(InventoryPush.class);
    private static final int LEASE_SECONDS = 60;
    private static final int MAX_STALE_IN_A_ROW = 5;

    private final Pool pool;
    private final ShopifyGraphql shopify;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;
    private final int batch;

    public InventoryPush(Pool pool, ShopifyGraphql shopify, SyncLog syncLog, MeterRegistry metrics,
            SyncConfig config) {
        this.pool = pool;
        this.shopify = shopify;
        this.syncLog = syncLog;
        this.metrics = metrics;
        this.batch = Math.max(1, Math.min(250, config.inventory().batch()));
    }

    @Scheduled(every = "${sync.inventory.push-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduled() {
        return pushDue().replaceWithVoid().onFailure().recoverWithItem(e -> {
            LOG.warnf("pushing inventory levels failed, the next run retries: %s", e.getMessage());
            return null;
        });
    }

    /** Pushes what is due now, a claim at a time, until nothing is; how many levels were sent. */
    public Uni<Integer> pushDue() {
        return claim().chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Map<String, List<LevelRow>> byTenant = rows.stream()
                    .collect(Collectors.groupingBy(LevelRow::tenant, LinkedHashMap::new, Collectors.toList()));
            return Multi.createFrom().iterable(byTenant.entrySet())
                    .onItem().transformToUniAndConcatenate(e -> pushTenant(e.getKey(), e.getValue())
                            .onFailure().recoverWithItem(f -> {
                                LOG.errorf(f, "inventory push of tenant %s", e.getKey());
                                return null;
                            }))
                    .collect().asList()
                    .chain(() -> rows.size() >= batch ? pushDue().map(more -> rows.size() + more)
                            : Uni.createFrom().item(rows.size()));
        });
    }

    /** Takes the pending levels that are due, for {@value #LEASE_SECONDS} s. */
    private Uni<List<LevelRow>> claim() {
        return pool.preparedQuery("""
                UPDATE inventory_level SET lease_until = now() + make_interval(secs => $1)
                 WHERE (tenant, inventory_item_id, location_id) IN (
                       SELECT tenant, inventory_item_id, location_id FROM inventory_level
                        WHERE push_state = 'pending' AND next_attempt_at <= now()
                          AND (lease_until IS NULL OR lease_until < now())
                        ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + LevelRow.COLUMNS).execute(Tuple.of((double) LEASE_SECONDS, batch))
                .map(rows -> {
                    List<LevelRow> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(LevelRow.of(row));
                    }
                    return claimed;
                });
    }

    private Uni<Void> pushTenant(String tenant, List<LevelRow> rows) {
        return pool.preparedQuery("SELECT connection_status, inventory_sync FROM tenant_settings WHERE tenant = $1")
                .execute(Tuple.of(tenant)).chain(found -> {
                    Row settings = found.size() == 0 ? null : found.iterator().next();
                    if (settings == null || !"connected".equals(settings.getString("connection_status"))
                            || !settings.getBoolean("inventory_sync")) {
                        String why = settings == null || !"connected".equals(settings.getString("connection_status"))
                                ? "the store is not connected" : "inventory sync was turned off";
                        return fail(rows, why + " before this quantity was sent to Shopify");
                    }
                    // a request already sent (its key saved) is sent again exactly; the others form a new one
                    Map<UUID, List<LevelRow>> inFlight = rows.stream().filter(r -> r.pushKey() != null)
                            .collect(Collectors.groupingBy(LevelRow::pushKey, LinkedHashMap::new, Collectors.toList()));
                    List<LevelRow> fresh = rows.stream().filter(r -> r.pushKey() == null).toList();
                    return Multi.createFrom().iterable(inFlight.entrySet())
                            .onItem().transformToUniAndConcatenate(e -> send(tenant, e.getKey(), e.getValue()))
                            .collect().asList()
                            .chain(() -> fresh.isEmpty() ? Uni.createFrom().voidItem() : prepare(tenant, fresh));
                });
    }

    /** Reads what Shopify has where it is not known, then saves the new request (key, from, quantity) and sends it. */
    private Uni<Void> prepare(String tenant, List<LevelRow> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> row.shopifyAvailable() != null ? Uni.createFrom().item(row)
                        : readShopify(row))
                .collect().asList()
                .chain(known -> {
                    UUID key = UUID.randomUUID();
                    List<Tuple> updates = known.stream().map(r -> Tuple.of(key, r.shopifyAvailable(), r.tenant(),
                            r.inventoryItemId(), r.locationId())).toList();
                    return pool.preparedQuery("""
                            UPDATE inventory_level SET push_key = $1, push_from = $2, push_quantity = warehouse_available,
                                   updated_at = now()
                             WHERE tenant = $3 AND inventory_item_id = $4 AND location_id = $5""").executeBatch(updates)
                            .chain(() -> pool.preparedQuery("SELECT " + LevelRow.COLUMNS
                                    + " FROM inventory_level WHERE push_key = $1").execute(Tuple.of(key)))
                            .chain(saved -> {
                                List<LevelRow> request = new ArrayList<>();
                                saved.forEach(r -> request.add(LevelRow.of(r)));
                                return send(tenant, key, request);
                            });
                });
    }

    /** Shopify's available quantity of the row's item at its location (0 when the item is not stocked there). */
    private Uni<LevelRow> readShopify(LevelRow row) {
        return shopify.execute(row.tenant(), "InventoryItemLevel", new JsonObject()
                .put("id", "gid://shopify/InventoryItem/" + row.inventoryItemId())
                .put("locationId", "gid://shopify/Location/" + row.locationId()), 4)
                .map(answer -> available(answer.data()))
                .call(available -> pool.preparedQuery("""
                        UPDATE inventory_level SET shopify_available = $1, shopify_seen_at = now(), updated_at = now()
                         WHERE tenant = $2 AND inventory_item_id = $3 AND location_id = $4""")
                        .execute(Tuple.of(available, row.tenant(), row.inventoryItemId(), row.locationId())))
                .map(row::withShopifyAvailable);
    }

    static int available(JsonObject data) {
        JsonObject item = data.getJsonObject("inventoryItem");
        JsonObject level = item == null ? null : item.getJsonObject("inventoryLevel");
        if (level == null) {
            return 0;
        }
        for (Object q : level.getJsonArray("quantities", new JsonArray())) {
            if ("available".equals(((JsonObject) q).getString("name"))) {
                return ((JsonObject) q).getInteger("quantity", 0);
            }
        }
        return 0;
    }

    /** One inventorySetQuantities for the rows saved under {@code key}. */
    private Uni<Void> send(String tenant, UUID key, List<LevelRow> rows) {
        JsonArray quantities = new JsonArray();
        for (LevelRow row : rows) {
            quantities.add(new JsonObject()
                    .put("inventoryItemId", "gid://shopify/InventoryItem/" + row.inventoryItemId())
                    .put("locationId", "gid://shopify/Location/" + row.locationId())
                    .put("quantity", row.pushQuantity())
                    .put("changeFromQuantity", row.pushFrom()));
        }
        JsonObject input = new JsonObject().put("name", "available").put("reason", "correction")
                .put("referenceDocumentUri", "proign://inventory-sync/" + key).put("quantities", quantities);
        return shopify.execute(tenant, "InventorySetQuantities", new JsonObject().put("input", input).put("key", key.toString()), 10)
                .chain(answer -> {
                    JsonObject payload = answer.data().getJsonObject("inventorySetQuantities");
                    JsonArray errors = payload.getJsonArray("userErrors", new JsonArray());
                    if (errors.isEmpty()) {
                        return applied(tenant, key, rows);
                    }
                    return refused(tenant, key, rows, errors);
                })
                .onFailure(ShopifyException.class).recoverWithUni(e -> ((ShopifyException) e).transientFailure()
                        ? later(key, rows, e.getMessage())
                        : fail(rows, "Shopify refused the quantities: " + e.getMessage()));
    }

    private Uni<Void> applied(String tenant, UUID key, List<LevelRow> rows) {
        metrics.counter("sync.inventory.pushed").increment(rows.size());
        return pool.preparedQuery("""
                UPDATE inventory_level
                   SET shopify_available = push_quantity, shopify_seen_at = now(),
                       last_pushed_quantity = push_quantity, last_pushed_at = now(),
                       push_state = CASE WHEN warehouse_available = push_quantity THEN 'idle' ELSE 'pending' END,
                       push_key = NULL, push_from = NULL, push_quantity = NULL, push_attempts = 0, push_error = NULL,
                       next_attempt_at = now(), lease_until = NULL, updated_at = now()
                 WHERE push_key = $1""").execute(Tuple.of(key))
                .invoke(() -> LOG.debugf("set %d inventory level(s) of tenant %s in Shopify", rows.size(), tenant))
                .replaceWithVoid();
    }

    /**
     * Shopify's user errors: a stale compare quantity (or a key whose request changed, IDEMPOTENCY_KEY_PARAMETER_
     * MISMATCH) re-reads the levels and sends again at once; an error about one quantity fails that level; any
     * other fails them all.
     */
    private Uni<Void> refused(String tenant, UUID key, List<LevelRow> rows, JsonArray errors) {
        List<String> codes = errors.stream().map(e -> ((JsonObject) e).getString("code")).toList();
        if (codes.contains("CHANGE_FROM_QUANTITY_STALE") || codes.contains("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")) {
            metrics.counter("sync.inventory.stale").increment();
            int attempts = rows.stream().mapToInt(LevelRow::pushAttempts).max().orElse(0) + 1;
            return Multi.createFrom().iterable(rows).onItem().transformToUniAndConcatenate(this::readShopify).collect().asList()
                    .chain(read -> pool.preparedQuery("""
                            UPDATE inventory_level SET push_key = NULL, push_from = NULL, push_quantity = NULL,
                                   push_attempts = $2, lease_until = NULL, updated_at = now(),
                                   next_attempt_at = now() + make_interval(secs => $3)
                             WHERE push_key = $1""").execute(Tuple.of(key, attempts,
                                    attempts >= MAX_STALE_IN_A_ROW ? (double) backoff(attempts).toSeconds() : 0.0))
                            .call(() -> syncLog.record(tenant, SyncLog.Level.warn, SyncLog.Kind.inventory,
                                    "Shopify's stock moved since it was read (" + String.join(", ", codes) + "): re-read "
                                            + rows.size() + " level(s) and sending the warehouse's quantities again", key)))
                    .replaceWithVoid();
        }
        List<LevelRow> failed = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Object item : errors) {
            JsonObject error = (JsonObject) item;
            JsonArray field = error.getJsonArray("field", new JsonArray());
            Integer index = field.size() >= 3 && "quantities".equals(field.getString(1)) ? parse(field.getString(2)) : null;
            if (index != null && index < rows.size()) {
                failed.add(rows.get(index));
            }
            messages.add(error.getString("code") + ": " + error.getString("message"));
        }
        String why = "Shopify refused the quantity: " + String.join("; ", messages);
        if (failed.isEmpty() || failed.size() == rows.size()) {
            return fail(rows, why);
        }
        List<LevelRow> others = rows.stream().filter(r -> !failed.contains(r)).toList();
        return fail(failed, why).chain(() -> retryNow(others));
    }

    private static Integer parse(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sent again later under the same key and parameters: Shopify applies a key once. */
    private Uni<Void> later(UUID key, List<LevelRow> rows, String why) {
        int attempts = rows.stream().mapToInt(LevelRow::pushAttempts).max().orElse(0) + 1;
        LOG.warnf("inventory push %s (%d level(s)) not confirmed, attempt %d: %s", key, rows.size(), attempts, why);
        return pool.preparedQuery("""
                UPDATE inventory_level SET push_attempts = $2, push_error = $3, lease_until = NULL, updated_at = now(),
                       next_attempt_at = now() + make_interval(secs => $4)
                 WHERE push_key = $1""").execute(Tuple.of(key, attempts, why, (double) backoff(attempts).toSeconds()))
                .replaceWithVoid();
    }

    private Uni<Void> retryNow(List<LevelRow> rows) {
        return pool.preparedQuery("""
                UPDATE inventory_level SET push_key = NULL, push_from = NULL, push_quantity = NULL, lease_until = NULL,
                       next_attempt_at = now(), updated_at = now()
                 WHERE tenant = $1 AND inventory_item_id = $2 AND location_id = $3""")
                .executeBatch(rows.stream().map(r -> Tuple.of(r.tenant(), r.inventoryItemId(), r.locationId())).toList())
                .replaceWithVoid();
    }

    private Uni<Void> fail(List<LevelRow> rows, String why) {
        metrics.counter("sync.inventory.failed").increment(rows.size());
        String tenant = rows.get(0).tenant();
        return pool.preparedQuery("""
                UPDATE inventory_level SET push_state = 'failed', push_error = $4, push_key = NULL, push_from = NULL,
                       push_quantity = NULL, lease_until = NULL, updated_at = now()
                 WHERE tenant = $1 AND inventory_item_id = $2 AND location_id = $3""")
                .executeBatch(rows.stream().map(r -> Tuple.of(r.tenant(), r.inventoryItemId(), r.locationId(), why)).toList())
                .call(() -> syncLog.record(tenant, SyncLog.Level.error, SyncLog.Kind.inventory, why + " (inventory item(s) "
                        + rows.stream().map(r -> Long.toString(r.inventoryItemId())).collect(Collectors.joining(", ")) + ")", null))
                .replaceWithVoid();
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 9)));
    }
}
