package com.proign.shopify.orders.repository;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements of the customer's privacy: erasing an order's personal data, recording each request, the data
 * exports, and deleting all of a store's rows. The tenant comes first and is in every statement, except the retention
 * pass's, which looks across tenants by design (docs/decisions.md) and records what it did per tenant.
 */
@ApplicationScoped
public class PrivacyRepository {

    /**
     * The personal data an order holds: the ship-to person, company, street, city, region, postcode and phone. The
     * country stays (it identifies nobody, and customs and carriers' reports need it), as do number, lines and tracking.
     */
    static final String ERASE_PERSONAL_DATA = """
            ship_name = NULL, ship_company = NULL, ship_address1 = NULL, ship_address2 = NULL, ship_city = NULL,
            ship_province = NULL, ship_province_code = NULL, ship_zip = NULL, ship_phone = NULL""";

    /** Statuses an order has when the warehouse is done with it. */
    private static final String FINISHED = "('shipped', 'cancelled', 'refunded', 'assigned_elsewhere')";

    /** A row of an order for a customer's data export. */
    public record ExportedOrder(UUID id, long shopifyOrderId, String orderNumber, String status, OffsetDateTime importedAt,
            OffsetDateTime redactedAt, Map<String, String> shippingAddress, List<Map<String, Object>> lines,
            List<Map<String, Object>> shipments) {
    }

    /** A data export as the owner lists it. */
    public record ExportSummary(UUID id, Long shopifyDataRequestId, OffsetDateTime createdAt, OffsetDateTime expiresAt,
            int orders) {
    }

    /** A privacy request as recorded. */
    public record RequestRecord(UUID id, String topic, String webhookId, OffsetDateTime requestedAt, OffsetDateTime completedAt,
            String outcome, int orders, String erased) {
    }

    private final Pool pool;

    public PrivacyRepository(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** Records a delivery about to be applied; empty when it was recorded already (a redelivery, applied once). */
    public Uni<Optional<UUID>> begin(SqlConnection c, String tenant, String topic, String webhookId, OffsetDateTime requestedAt) {
        UUID id = UUID.randomUUID();
        return c.preparedQuery("""
                INSERT INTO privacy_request (id, tenant, topic, webhook_id, requested_at, completed_at, outcome, orders, erased)
                VALUES ($1, $2, $3, $4, $5, now(), 'started', 0, '')
                ON CONFLICT (tenant, webhook_id) DO NOTHING RETURNING id""")
                .execute(Tuple.of(id, tenant, topic, webhookId, requestedAt))
                .map(rows -> rows.rowCount() == 0 ? Optional.<UUID>empty() : Optional.of(id));
    }

    public Uni<Void> complete(SqlConnection c, String tenant, UUID id, String outcome, int orders, String erased) {
        return c.preparedQuery("""
                UPDATE privacy_request SET outcome = $3, orders = $4, erased = $5, completed_at = now()
                 WHERE tenant = $1 AND id = $2""")
                .execute(Tuple.of(tenant, id, outcome, orders, erased)).replaceWithVoid();
    }

    /**
     * Erases the personal data of the tenant's orders with these Shopify ids; the version moves on, so a queue move
     * that read the order before cannot write its old address back. How many orders held some.
     */
    public Uni<Integer> redactOrders(SqlConnection c, String tenant, List<Long> shopifyOrderIds) {
        return c.preparedQuery("UPDATE shop_order SET " + ERASE_PERSONAL_DATA + """
                , redacted_at = coalesce(redacted_at, now()), updated_at = now(), version = version + 1
                 WHERE tenant = $1 AND shopify_order_id = ANY($2)""")
                .execute(Tuple.of(tenant, shopifyOrderIds.toArray(Long[]::new))).map(rows -> rows.rowCount());
    }

    /**
     * Empties the body of the tenant's dead letters that contain any of {@code needles} (the customer's email and
     * phone, their orders' ids): a raw Shopify payload quoting the customer. The row stays, for the operator's count.
     */
    public Uni<Integer> redactDeadLetters(SqlConnection c, String tenant, List<String> needles) {
        if (needles.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Buffer[] values = needles.stream().map(n -> Buffer.buffer(n.getBytes(StandardCharsets.UTF_8))).toArray(Buffer[]::new);
        return c.preparedQuery("""
                UPDATE dead_letter SET body = NULL
                 WHERE tenant = $1 AND body IS NOT NULL
                   AND EXISTS (SELECT 1 FROM unnest($2::bytea[]) AS n(v) WHERE position(n.v IN body) > 0)""")
                .execute(Tuple.of(tenant, values)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> deleteExportsOf(SqlConnection c, String tenant, long shopifyCustomerId) {
        return c.preparedQuery("DELETE FROM customer_data_export WHERE tenant = $1 AND shopify_customer_id = $2")
                .execute(Tuple.of(tenant, shopifyCustomerId)).map(rows -> rows.rowCount());
    }

    /** The tenant's orders with these Shopify ids, with lines and shipments, as a data export shows them. */
    public Uni<List<ExportedOrder>> exportOrders(SqlConnection c, String tenant, List<Long> shopifyOrderIds) {
        Long[] ids = shopifyOrderIds.toArray(Long[]::new);
        return c.preparedQuery("""
                SELECT id, shopify_order_id, shopify_order_number, status, imported_at, redacted_at, ship_name, ship_company,
                       ship_address1, ship_address2, ship_city, ship_province, ship_province_code, ship_zip, ship_country,
                       ship_country_code, ship_phone
                  FROM shop_order WHERE tenant = $1 AND shopify_order_id = ANY($2) ORDER BY shopify_order_id""")
                .execute(Tuple.of(tenant, ids)).chain(orders -> {
                    Map<UUID, ExportedOrder> found = new LinkedHashMap<>();
                    for (Row row : orders) {
                        Map<String, String> address = new LinkedHashMap<>();
                        for (String column : List.of("name", "company", "address1", "address2", "city", "province",
                                "province_code", "zip", "country", "country_code", "phone")) {
                            address.put(column, row.getString("ship_" + column));
                        }
                        found.put(row.getUUID("id"), new ExportedOrder(row.getUUID("id"), row.getLong("shopify_order_id"),
                                row.getString("shopify_order_number"), row.getString("status"),
                                row.getOffsetDateTime("imported_at"), row.getOffsetDateTime("redacted_at"), address,
                                new ArrayList<>(), new ArrayList<>()));
                    }
                    UUID[] orderIds = found.keySet().toArray(UUID[]::new);
                    return c.preparedQuery("""
                            SELECT order_id, shopify_line_item_id, sku, title, variant_title, quantity, shipped_quantity
                              FROM order_line WHERE tenant = $1 AND order_id = ANY($2) ORDER BY shopify_line_item_id""")
                            .execute(Tuple.of(tenant, orderIds)).invoke(lines -> lines.forEach(row -> {
                                Map<String, Object> line = new LinkedHashMap<>();
                                line.put("shopify_line_item_id", row.getLong("shopify_line_item_id"));
                                line.put("sku", row.getString("sku"));
                                line.put("title", row.getString("title"));
                                line.put("variant_title", row.getString("variant_title"));
                                line.put("quantity", row.getInteger("quantity"));
                                line.put("shipped_quantity", row.getInteger("shipped_quantity"));
                                found.get(row.getUUID("order_id")).lines().add(line);
                            }))
                            .chain(() -> c.preparedQuery("""
                                    SELECT order_id, carrier, tracking_number, tracking_url, shipped_at
                                      FROM shipment WHERE tenant = $1 AND order_id = ANY($2) ORDER BY shipped_at""")
                                    .execute(Tuple.of(tenant, orderIds)))
                            .map(shipments -> {
                                shipments.forEach(row -> {
                                    Map<String, Object> shipment = new LinkedHashMap<>();
                                    shipment.put("carrier", row.getString("carrier"));
                                    shipment.put("tracking_number", row.getString("tracking_number"));
                                    shipment.put("tracking_url", row.getString("tracking_url"));
                                    shipment.put("shipped_at", row.getOffsetDateTime("shipped_at"));
                                    found.get(row.getUUID("order_id")).shipments().add(shipment);
                                });
                                return List.copyOf(found.values());
                            });
                });
    }

    public Uni<Void> saveExport(SqlConnection c, String tenant, UUID id, UUID requestId, Long dataRequestId, Long customerId,
            OffsetDateTime expiresAt, int orders, String document) {
        return c.preparedQuery("""
                INSERT INTO customer_data_export (id, tenant, privacy_request_id, shopify_data_request_id, shopify_customer_id,
                    created_at, expires_at, orders, document)
                VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8)""")
                .execute(Tuple.from(List.of(id, tenant, requestId, nullable(dataRequestId), nullable(customerId), expiresAt,
                        orders, document)))
                .replaceWithVoid();
    }

    private static Object nullable(Long value) {
        return value == null ? (Object) null : value;
    }

    /** Every row of the tenant's store (shop/redact), but the record of the privacy requests. Counts by kind. */
    public Uni<Map<String, Integer>> deleteTenant(SqlConnection c, String tenant) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        // shop_order first: its lines, shipments and edits go with it (ON DELETE CASCADE)
        for (String table : List.of("shop_order", "customer_data_export", "outbox", "processed_delivery", "product",
                "tenant_settings", "dead_letter", "fulfillment_order_state")) {
            chain = chain.chain(() -> c.preparedQuery("DELETE FROM " + table + " WHERE tenant = $1").execute(Tuple.of(tenant))
                    .invoke(rows -> deleted.put(table, rows.rowCount())).replaceWithVoid());
        }
        return chain.map(ignored -> deleted);
    }

    /**
     * The retention pass: erases the personal data of up to {@code limit} finished orders (shipped, cancelled,
     * refunded) of any tenant that last changed before {@code cutoff}. How many per tenant.
     */
    public Uni<Map<String, Integer>> redactFinishedBefore(OffsetDateTime cutoff, int limit) {
        return pool.preparedQuery("""
                WITH due AS (
                    SELECT id FROM shop_order
                     WHERE redacted_at IS NULL AND status IN """ + FINISHED + """
                       AND updated_at < $1
                     ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                UPDATE shop_order o SET\s""" + ERASE_PERSONAL_DATA + """
                , redacted_at = now(), version = o.version + 1
                  FROM due WHERE o.id = due.id
                RETURNING o.tenant""")
                .execute(Tuple.of(cutoff, limit)).map(rows -> {
                    Map<String, Integer> perTenant = new LinkedHashMap<>();
                    rows.forEach(row -> perTenant.merge(row.getString("tenant"), 1, Integer::sum));
                    return perTenant;
                });
    }

    /** A record of what the retention pass did for a tenant. */
    public Uni<Void> recordRetention(String tenant, int orders, String erased) {
        return pool.preparedQuery("""
                INSERT INTO privacy_request (id, tenant, topic, webhook_id, requested_at, completed_at, outcome, orders, erased)
                VALUES ($1, $2, 'retention', $3, now(), now(), 'erased', $4, $5)""")
                .execute(Tuple.of(UUID.randomUUID(), tenant, "retention-" + UUID.randomUUID(), orders, erased))
                .replaceWithVoid();
    }

    /** Deletes the data exports past their time, of every tenant. How many. */
    public Uni<Integer> deleteExpiredExports(OffsetDateTime now) {
        return pool.preparedQuery("DELETE FROM customer_data_export WHERE expires_at < $1").execute(Tuple.of(now))
                .map(rows -> rows.rowCount());
    }

    public Uni<List<ExportSummary>> exports(String tenant) {
        return pool.preparedQuery("""
                SELECT id, shopify_data_request_id, created_at, expires_at, orders FROM customer_data_export
                 WHERE tenant = $1 ORDER BY created_at DESC LIMIT 100""")
                .execute(Tuple.of(tenant)).map(rows -> {
                    List<ExportSummary> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new ExportSummary(row.getUUID("id"), row.getLong("shopify_data_request_id"),
                            row.getOffsetDateTime("created_at"), row.getOffsetDateTime("expires_at"), row.getInteger("orders"))));
                    return list;
                });
    }

    /** The export's document, if the tenant has it and it has not expired. */
    public Uni<Optional<String>> exportDocument(String tenant, UUID id) {
        return pool.preparedQuery("SELECT document FROM customer_data_export WHERE tenant = $1 AND id = $2 AND expires_at > now()")
                .execute(Tuple.of(tenant, id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getString(0)) : Optional.empty());
    }

    /** The tenant's privacy records, newest first. */
    public Uni<List<RequestRecord>> requests(String tenant, int limit) {
        return pool.preparedQuery("""
                SELECT id, topic, webhook_id, requested_at, completed_at, outcome, orders, erased FROM privacy_request
                 WHERE tenant = $1 ORDER BY completed_at DESC LIMIT $2""")
                .execute(Tuple.of(tenant, limit)).map(rows -> {
                    List<RequestRecord> list = new ArrayList<>();
                    rows.forEach(row -> list.add(new RequestRecord(row.getUUID("id"), row.getString("topic"),
                            row.getString("webhook_id"), row.getOffsetDateTime("requested_at"),
                            row.getOffsetDateTime("completed_at"), row.getString("outcome"), row.getInteger("orders"),
                            row.getString("erased"))));
                    return list;
                });
    }
}
