package com.proign.shopify.sync.inventory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.messaging.Outages;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Takes Shopify's stock changes (inventory_levels/update: inventory_item_id, location_id, available, updated_at)
 * into the level Shopify is known to have, which the next push compares against and the inventory API shows the
 * warehouse ({@code shopify_changed_at}). Shopify sends the same webhook for this service's own writes (https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventorySetQuantities):
 * one that reports the quantity last pushed (or one in flight) is that echo and changes nothing else. A report
 * older than what is known is ignored, as are levels at other locations than the warehouse's; an unreadable
 * report goes to the dead-letter topic.
 */
@ApplicationScoped
public class InventoryLevelConsumer {

    private static final Logger LOG = Logger.getLogger(InventoryLevelConsumer.class);
    /** How far Shopify's clock (updated_at) may lag this service's (last_pushed_at) for an echo to count as one. */
    private static final Duration ECHO_WINDOW = Duration.ofMinutes(2);

    static final class PoisonLevel extends RuntimeException {
        PoisonLevel(String message) {
            super(message);
        }
    }

    record Level(String tenant, long itemId, long locationId, Integer available, OffsetDateTime updatedAt) {
    }

    private final Pool pool;
    private final SyncLog syncLog;
    private final MeterRegistry metrics;

    public InventoryLevelConsumer(Pool pool, SyncLog syncLog, MeterRegistry metrics) {
        this.pool = pool;
        this.syncLog = syncLog;
        this.metrics = metrics;
    }

    @Incoming("shopify-inventory-levels")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> parse(record))
                .chain(level -> Outages.waitOut("inventory level record " + record.topic() + "-" + record.partition()
                        + "@" + record.offset(), e -> e instanceof PoisonLevel || Outages.refusedByDatabase(e),
                        Uni.createFrom().deferred(() -> apply(level)))
                        .invoke(outcome -> metrics.counter("sync.inventory.shopify_updates", "outcome", outcome).increment()))
                .onFailure().invoke(e -> LOG.warnf("inventory level record %s-%d@%d not applied, dead-lettering it: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage()))
                .replaceWithVoid();
    }

    static Level parse(ConsumerRecord<String, byte[]> record) {
        Header tenant = record.headers().lastHeader("ce_tenant");
        if (tenant == null || tenant.value() == null || tenant.value().length == 0) {
            throw new PoisonLevel("an inventory level record without the ce_tenant header");
        }
        try {
            JsonObject body = new JsonObject(new String(record.value(), StandardCharsets.UTF_8));
            if (!(body.getValue("inventory_item_id") instanceof Number) || !(body.getValue("location_id") instanceof Number)
                    || body.getString("updated_at") == null) {
                throw new PoisonLevel("an inventory level without inventory_item_id, location_id or updated_at");
            }
            Object available = body.getValue("available");
            return new Level(new String(tenant.value(), StandardCharsets.UTF_8), body.getLong("inventory_item_id"),
                    body.getLong("location_id"), available instanceof Number n ? n.intValue() : null,
                    OffsetDateTime.parse(body.getString("updated_at")));
        } catch (DecodeException | ClassCastException | java.time.DateTimeException e) {
            throw new PoisonLevel("an unreadable inventory level: " + e.getMessage());
        }
    }

    /**
     * new (first seen), changed (Shopify's own change), echo (this service's write), stale (older than known),
     * elsewhere (a location other than the warehouse's, or inventory sync off: not this service's business).
     */
    Uni<String> apply(Level level) {
        return pool.preparedQuery("SELECT inventory_sync, " + InventoryRepository.STOCK_LOCATION
                + " AS fulfillment_location_id FROM tenant_settings WHERE tenant = $1")
                .execute(Tuple.of(level.tenant())).chain(found -> {
                    Row settings = found.size() == 0 ? null : found.iterator().next();
                    if (settings == null || !settings.getBoolean("inventory_sync")
                            || !Long.valueOf(level.locationId()).equals(settings.getLong("fulfillment_location_id"))) {
                        return Uni.createFrom().item("elsewhere");
                    }
                    return applyAtWarehouse(level);
                });
    }

    private Uni<String> applyAtWarehouse(Level level) {
        return pool.withTransaction(connection -> connection.preparedQuery("SELECT " + LevelRow.COLUMNS
                + " FROM inventory_level WHERE tenant = $1 AND inventory_item_id = $2 AND location_id = $3 FOR UPDATE")
                .execute(Tuple.of(level.tenant(), level.itemId(), level.locationId())).chain(rows -> {
                    if (rows.size() == 0) {
                        return connection.preparedQuery("""
                                INSERT INTO inventory_level (tenant, inventory_item_id, location_id, shopify_available,
                                                             shopify_seen_at, shopify_changed_at, updated_at)
                                VALUES ($1, $2, $3, $4, $5, $5, now()) ON CONFLICT DO NOTHING""")
                                .execute(Tuple.of(level.tenant(), level.itemId(), level.locationId(), level.available(),
                                        level.updatedAt()))
                                .replaceWith("new");
                    }
                    LevelRow known = LevelRow.of(rows.iterator().next());
                    if (known.shopifySeenAt() != null && !level.updatedAt().isAfter(known.shopifySeenAt())) {
                        return Uni.createFrom().item("stale");
                    }
                    boolean echo = level.available() != null
                            && (level.available().equals(known.pushQuantity())
                                    || level.available().equals(known.lastPushedQuantity()) && known.lastPushedAt() != null
                                            && !level.updatedAt().isBefore(known.lastPushedAt().minus(ECHO_WINDOW)));
                    Tuple params = Tuple.of(level.available(), level.updatedAt(), level.tenant(), level.itemId(), level.locationId());
                    if (echo) {
                        return connection.preparedQuery("""
                                UPDATE inventory_level SET shopify_available = $1, shopify_seen_at = $2, updated_at = now()
                                 WHERE tenant = $3 AND inventory_item_id = $4 AND location_id = $5""").execute(params)
                                .replaceWith("echo");
                    }
                    return connection.preparedQuery("""
                            UPDATE inventory_level SET shopify_available = $1, shopify_seen_at = $2, shopify_changed_at = $2,
                                   updated_at = now()
                             WHERE tenant = $3 AND inventory_item_id = $4 AND location_id = $5""").execute(params)
                            .replaceWith("changed")
                            .call(() -> describe(level, known.shopifyAvailable()));
                }));
    }

    private Uni<Void> describe(Level level, Integer before) {
        return pool.preparedQuery("SELECT sku FROM inventory_item WHERE tenant = $1 AND inventory_item_id = $2")
                .execute(Tuple.of(level.tenant(), level.itemId()))
                .chain(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    String what = row != null && row.getString("sku") != null ? "SKU " + row.getString("sku")
                            : "inventory item " + level.itemId();
                    return syncLog.record(level.tenant(), SyncLog.Level.info, SyncLog.Kind.inventory, "Shopify's available "
                            + "quantity of " + what + " at location " + level.locationId() + " changed in Shopify: "
                            + (before == null ? "?" : before) + " → " + level.available(), level.itemId());
                });
    }
}
