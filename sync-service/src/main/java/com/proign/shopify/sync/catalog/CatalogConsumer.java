package com.proign.shopify.sync.catalog;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.proign.shopify.sync.messaging.Outages;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Keeps each variant's inventory item from shopify.products (products/update webhooks and this service's own
 * product pulls): the map from a SKU the warehouse counts to the inventory item Shopify stocks. A product's newer
 * description replaces its variants; an older or equal one changes nothing. A record without a tenant or with an
 * unreadable body goes to the dead-letter topic; database faults are retried with backoff.
 */
@ApplicationScoped
public class CatalogConsumer {

    private static final Logger LOG = Logger.getLogger(CatalogConsumer.class);

    /** A record that can never be applied. */
    static final class PoisonProduct extends RuntimeException {
        PoisonProduct(String message) {
            super(message);
        }
    }

    private final Pool pool;
    private final MeterRegistry metrics;

    public CatalogConsumer(Pool pool, MeterRegistry metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    @Incoming("shopify-products")
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return Uni.createFrom().item(() -> parse(record))
                .chain(product -> Outages.waitOut("product record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset(), e -> e instanceof PoisonProduct || Outages.refusedByDatabase(e),
                        Uni.createFrom().deferred(() -> apply(product)))
                        .invoke(outcome -> metrics.counter("sync.catalog.products", "outcome", outcome).increment()))
                .onFailure().invoke(e -> {
                    metrics.counter("sync.catalog.products", "outcome", "failed").increment();
                    LOG.warnf("product record %s-%d@%d not applied, dead-lettering it: %s", record.topic(),
                            record.partition(), record.offset(), e.getMessage());
                })
                .replaceWithVoid();
    }

    /** A product as the catalogue needs it. */
    record Product(String tenant, long id, String title, OffsetDateTime updatedAt, List<Variant> variants) {
    }

    record Variant(long id, long inventoryItemId, String sku, String title) {
    }

    static Product parse(ConsumerRecord<String, byte[]> record) {
        Header tenant = record.headers().lastHeader("ce_tenant");
        if (tenant == null || tenant.value() == null || tenant.value().length == 0) {
            throw new PoisonProduct("a product record without the ce_tenant header");
        }
        try {
            JsonObject body = new JsonObject(new String(record.value(), StandardCharsets.UTF_8));
            Object id = body.getValue("id");
            if (!(id instanceof Number) || body.getString("updated_at") == null) {
                throw new PoisonProduct("a product without id or updated_at");
            }
            List<Variant> variants = new ArrayList<>();
            if (body.getJsonArray("variants") != null) {
                for (Object item : body.getJsonArray("variants")) {
                    JsonObject v = (JsonObject) item;
                    if (v.getValue("id") instanceof Number && v.getValue("inventory_item_id") instanceof Number) {
                        String sku = v.getString("sku");
                        variants.add(new Variant(v.getLong("id"), v.getLong("inventory_item_id"),
                                sku == null || sku.isBlank() ? null : sku, v.getString("title")));
                    }
                }
            }
            return new Product(new String(tenant.value(), StandardCharsets.UTF_8), ((Number) id).longValue(),
                    body.getString("title"), OffsetDateTime.parse(body.getString("updated_at")), variants);
        } catch (DecodeException | ClassCastException | java.time.DateTimeException e) {
            throw new PoisonProduct("an unreadable product: " + e.getMessage());
        }
    }

    /** applied or stale. */
    Uni<String> apply(Product product) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                SELECT max(product_updated_at) AS seen FROM inventory_item WHERE tenant = $1 AND product_id = $2""")
                .execute(Tuple.of(product.tenant(), product.id())).chain(rows -> {
                    OffsetDateTime seen = rows.iterator().next().getOffsetDateTime("seen");
                    if (seen != null && !seen.isBefore(product.updatedAt())) {
                        return Uni.createFrom().item("stale");
                    }
                    Uni<?> replaced = connection.preparedQuery("DELETE FROM inventory_item WHERE tenant = $1 AND product_id = $2")
                            .execute(Tuple.of(product.tenant(), product.id()));
                    if (!product.variants().isEmpty()) {
                        List<Tuple> rowsToInsert = product.variants().stream().map(v -> Tuple.tuple()
                                .addString(product.tenant()).addLong(v.inventoryItemId()).addLong(product.id())
                                .addLong(v.id()).addString(v.sku()).addString(product.title()).addString(v.title())
                                .addOffsetDateTime(product.updatedAt())).toList();
                        replaced = replaced.chain(() -> connection.preparedQuery("""
                                INSERT INTO inventory_item (tenant, inventory_item_id, product_id, variant_id, sku,
                                                            product_title, variant_title, product_updated_at)
                                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                                ON CONFLICT (tenant, inventory_item_id) DO UPDATE
                                  SET product_id = excluded.product_id, variant_id = excluded.variant_id, sku = excluded.sku,
                                      product_title = excluded.product_title, variant_title = excluded.variant_title,
                                      product_updated_at = excluded.product_updated_at""").executeBatch(rowsToInsert));
                    }
                    return replaced.replaceWith("applied");
                }));
    }
}
