package com.proign.shopify.orders.repository;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.Address;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.mapping.OrderSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;

/**
 * The order ingestion's statements: a poll's worth of events is written with a handful of set-based statements in one
 * transaction (a delivery log insert, one read of the stored orders and one of their lines, then batched inserts and
 * updates), so that what a record costs is a few rows, not an object graph. Every statement carries the tenant of each
 * row it reads or writes. The queue's own moves (pick, pack, ship) go through Hibernate on the same tables;
 * both raise {@code version}, so either one loses a race it did not see (the ingestion's batch is then retried).
 */
@ApplicationScoped
public class IngestionRepository {

    private static final String RECORD_DELIVERIES = """
            INSERT INTO processed_delivery (tenant, webhook_id, topic, processed_at)
            SELECT d.tenant, d.webhook_id, d.topic, now()
              FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS d(tenant, webhook_id, topic)
            ON CONFLICT (tenant, webhook_id) DO NOTHING
            RETURNING tenant, webhook_id""";

    private static final String FILTERS = "SELECT tenant, order_status_filter FROM tenant_settings WHERE tenant = ANY($1)";

    private static final String ORDERS = """
            SELECT o.id, o.tenant, o.shopify_order_id, o.status, o.held_from, o.shopify_updated_at, o.queued_at,
                   o.cancelled_after_shipping, o.changed_after_picking, o.version,
                   (SELECT e.changes FROM order_edit e
                     WHERE e.tenant = o.tenant AND e.order_id = o.id
                       AND e.state IN ('awaiting_acknowledgement', 'recorded_after_shipping')
                     ORDER BY e.detected_at DESC LIMIT 1) AS open_edit
              FROM shop_order o
              JOIN unnest($1::varchar[], $2::int8[]) AS k(tenant, shopify_order_id)
                ON o.tenant = k.tenant AND o.shopify_order_id = k.shopify_order_id""";

    private static final String LINES = """
            SELECT l.id, l.order_id, l.shopify_line_item_id, l.shopify_variant_id, l.shopify_product_id, l.sku, l.title,
                   l.variant_title, l.quantity, l.fulfillable_quantity, l.price, l.requires_shipping, l.gift_card
              FROM order_line l
              JOIN unnest($1::varchar[], $2::uuid[]) AS k(tenant, order_id)
                ON l.tenant = k.tenant AND l.order_id = k.order_id""";

    /** New orders, all in one statement: one array per column. */
    private static final String INSERT_ORDERS = """
            INSERT INTO shop_order (id, tenant, shopify_order_id, shopify_order_number, status, financial_status,
                fulfillment_status, currency, total_price, ship_name, ship_company, ship_address1, ship_address2, ship_city,
                ship_province, ship_province_code, ship_zip, ship_country, ship_country_code, ship_phone, shopify_created_at,
                shopify_created_at_offset, shopify_updated_at, cancelled_at, imported_at, queued_at, origin_traceparent,
                updated_at, cancelled_after_shipping, version)
            SELECT r.*, r.imported_at, false, 0
              FROM unnest($1::uuid[], $2::varchar[], $3::int8[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[],
                   $8::varchar[], $9::numeric[], $10::varchar[], $11::varchar[], $12::varchar[], $13::varchar[],
                   $14::varchar[], $15::varchar[], $16::varchar[], $17::varchar[], $18::varchar[], $19::varchar[],
                   $20::varchar[], $21::timestamptz[], $22::int4[], $23::timestamptz[], $24::timestamptz[],
                   $25::timestamptz[], $26::timestamptz[], $27::varchar[])
                AS r(id, tenant, shopify_order_id, shopify_order_number, status, financial_status, fulfillment_status,
                     currency, total_price, ship_name, ship_company, ship_address1, ship_address2, ship_city, ship_province,
                     ship_province_code, ship_zip, ship_country, ship_country_code, ship_phone, shopify_created_at,
                     shopify_created_at_offset, shopify_updated_at, cancelled_at, imported_at, queued_at, traceparent)
            ON CONFLICT (tenant, shopify_order_id) DO NOTHING""";

    private static final String UPDATE_ORDER = """
            UPDATE shop_order SET shopify_order_number = $3, status = $4, financial_status = $5, fulfillment_status = $6,
                currency = $7, total_price = $8,
                -- an order whose customer's data was erased (redacted_at) never takes it back from a later delivery
                ship_name = CASE WHEN redacted_at IS NULL THEN $9 END, ship_company = CASE WHEN redacted_at IS NULL THEN $10 END,
                ship_address1 = CASE WHEN redacted_at IS NULL THEN $11 END, ship_address2 = CASE WHEN redacted_at IS NULL THEN $12 END,
                ship_city = CASE WHEN redacted_at IS NULL THEN $13 END, ship_province = CASE WHEN redacted_at IS NULL THEN $14 END,
                ship_province_code = CASE WHEN redacted_at IS NULL THEN $15 END, ship_zip = CASE WHEN redacted_at IS NULL THEN $16 END,
                ship_country = $17, ship_country_code = $18, ship_phone = CASE WHEN redacted_at IS NULL THEN $19 END,
                shopify_created_at = $20, shopify_created_at_offset = $21,
                shopify_updated_at = $22, cancelled_at = $23, updated_at = $24, queued_at = $25, held_from = $26,
                cancelled_after_shipping = $27, changed_after_picking = $28, version = version + 1
             WHERE tenant = $1 AND id = $2 AND version = $29""";

    /** An order's change still waiting for a person is held by the newer one (which holds its changes too). */
    private static final String SUPERSEDE_EDITS = """
            UPDATE order_edit SET state = 'superseded'
             WHERE tenant = $1 AND order_id = $2 AND state = 'awaiting_acknowledgement'""";

    private static final String INSERT_EDIT = """
            INSERT INTO order_edit (id, tenant, order_id, detected_at, shopify_updated_at, state, changes, lines)
            VALUES ($1, $2, $3, now(), $4, $5, $6, $7)""";

    /** New lines, all in one statement: one array per column. */
    private static final String INSERT_LINES = """
            INSERT INTO order_line (id, order_id, tenant, shopify_line_item_id, shopify_variant_id, shopify_product_id, sku,
                title, variant_title, quantity, fulfillable_quantity, price, requires_shipping, gift_card, shipped_quantity)
            SELECT r.*, 0
              FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::int8[], $5::int8[], $6::int8[], $7::varchar[],
                   $8::varchar[], $9::varchar[], $10::int4[], $11::int4[], $12::numeric[], $13::bool[], $14::bool[])
                AS r(id, order_id, tenant, shopify_line_item_id, shopify_variant_id, shopify_product_id, sku, title,
                     variant_title, quantity, fulfillable_quantity, price, requires_shipping, gift_card)""";

    private static final String UPDATE_LINE = """
            UPDATE order_line SET shopify_variant_id = $3, shopify_product_id = $4, sku = $5, title = $6, variant_title = $7,
                quantity = $8, fulfillable_quantity = $9, price = $10, requires_shipping = $11, gift_card = $12
             WHERE tenant = $1 AND id = $2""";

    private static final String DELETE_LINES = """
            DELETE FROM order_line l USING unnest($1::varchar[], $2::uuid[]) AS k(tenant, id)
             WHERE l.tenant = k.tenant AND l.id = k.id""";

    private final Pool pool;

    public IngestionRepository(Pool pool) {
        this.pool = pool;
    }

    /** A delivery to record: its tenant, idempotency key and topic. */
    public record Seen(String tenant, String deliveryId, String topic) {
        public DeliveryKey key() {
            return new DeliveryKey(tenant, deliveryId);
        }
    }

    /** A delivery by its idempotency key within its tenant. */
    public record DeliveryKey(String tenant, String deliveryId) {
    }

    /** An order by its natural key. */
    public record OrderKey(String tenant, long shopifyOrderId) {
    }

    /** What ingestion reads of a stored order: enough to decide on an event and to write the change. */
    public record StoredOrder(UUID id, String tenant, long shopifyOrderId, OrderStatus status, OrderStatus heldFrom,
            OffsetDateTime shopifyUpdatedAt, OffsetDateTime queuedAt, boolean cancelledAfterShipping,
            boolean changedAfterPicking, long version, List<StoredLine> lines, String openEdit) {
    }

    /** A stored line as Shopify described it (what was shipped of it is not ingestion's to write). */
    public record StoredLine(UUID id, long shopifyLineItemId, Long variantId, Long productId, String sku, String title,
            String variantTitle, int quantity, int fulfillableQuantity, BigDecimal price, boolean requiresShipping,
            boolean giftCard) {

        /** The same line as Shopify now describes it. */
        public StoredLine describedAs(OrderSnapshot.Line line) {
            return new StoredLine(id, shopifyLineItemId, line.variantId(), line.productId(), line.sku(), line.title(),
                    line.variantTitle(), line.quantity(), line.fulfillableQuantity(), line.price(), line.requiresShipping(),
                    line.giftCard());
        }
    }

    /** A new order, with its lines. */
    public record NewOrder(UUID id, String tenant, OrderSnapshot snapshot, OrderStatus status, OffsetDateTime queuedAt,
            OffsetDateTime importedAt, String traceparent) {
    }

    /** A stored order brought to Shopify's newer state, as the queue's rules decided. */
    public record OrderChange(StoredOrder stored, OrderSnapshot snapshot, OrderStatus status, OrderStatus heldFrom,
            OffsetDateTime queuedAt, boolean cancelledAfterShipping, boolean changedAfterPicking, OffsetDateTime updatedAt,
            List<LineInsert> addedLines, List<StoredLine> changedLines, List<UUID> removedLines, EditRow edit) {
    }

    /**
     * A change of an order's lines to keep (order_edit): its state (applied, awaiting_acknowledgement,
     * recorded_after_shipping), the changes and the lines Shopify has, as JSON.
     */
    public record EditRow(UUID id, String state, String changes, String lines) {
    }

    /** A line Shopify added to a stored order. */
    public record LineInsert(UUID id, OrderSnapshot.Line line) {
    }

    /**
     * An order was written by someone else between this batch's read and its write (a move of the warehouse's, an
     * instance that still held the partition): a race, not a fault of the records; the batch is tried again.
     */
    public static final class ConcurrentUpdateException extends RuntimeException {
        public ConcurrentUpdateException(int expected, int written) {
            super((expected - written) + " of " + expected + " orders were written by someone else meanwhile");
        }
    }

    /** {@code work} in one transaction on one connection: committed when it succeeds, rolled back when it fails. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** Records the deliveries (no (tenant, id) twice); answers those recorded now, i.e. not seen before. */
    public Uni<Set<DeliveryKey>> recordFirstSights(SqlConnection connection, List<Seen> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        String[] tenants = new String[deliveries.size()];
        String[] ids = new String[deliveries.size()];
        String[] topics = new String[deliveries.size()];
        for (int i = 0; i < deliveries.size(); i++) {
            Seen seen = deliveries.get(i);
            tenants[i] = seen.tenant();
            ids[i] = seen.deliveryId();
            topics[i] = seen.topic();
        }
        return connection.preparedQuery(RECORD_DELIVERIES).execute(Tuple.of(tenants, ids, topics)).map(rows -> {
            Set<DeliveryKey> first = new HashSet<>();
            for (Row row : rows) {
                first.add(new DeliveryKey(row.getString(0), row.getString(1)));
            }
            return first;
        });
    }

    /** Each tenant's order status filter, for the tenants that have one. */
    public Uni<Map<String, String>> filters(SqlConnection connection, Set<String> tenants) {
        return connection.preparedQuery(FILTERS).execute(Tuple.of(tenants.toArray(String[]::new))).map(rows -> {
            Map<String, String> filters = new HashMap<>();
            for (Row row : rows) {
                filters.put(row.getString(0), row.getString(1));
            }
            return filters;
        });
    }

    /** The stored orders among these keys, with their lines. */
    public Uni<Map<OrderKey, StoredOrder>> orders(SqlConnection connection, List<OrderKey> keys) {
        String[] tenants = new String[keys.size()];
        Long[] ids = new Long[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            tenants[i] = keys.get(i).tenant();
            ids[i] = keys.get(i).shopifyOrderId();
        }
        return connection.preparedQuery(ORDERS).execute(Tuple.of(tenants, ids)).chain(rows -> {
            List<Row> found = new ArrayList<>();
            rows.forEach(found::add);
            if (found.isEmpty()) {
                return Uni.createFrom().item(Map.<OrderKey, StoredOrder>of());
            }
            String[] lineTenants = new String[found.size()];
            UUID[] orderIds = new UUID[found.size()];
            for (int i = 0; i < found.size(); i++) {
                lineTenants[i] = found.get(i).getString("tenant");
                orderIds[i] = found.get(i).getUUID("id");
            }
            return connection.preparedQuery(LINES).execute(Tuple.of(lineTenants, orderIds)).map(lineRows -> {
                Map<UUID, List<StoredLine>> lines = new HashMap<>();
                for (Row row : lineRows) {
                    lines.computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>()).add(line(row));
                }
                Map<OrderKey, StoredOrder> orders = new LinkedHashMap<>();
                for (Row row : found) {
                    StoredOrder order = order(row, lines.getOrDefault(row.getUUID("id"), List.of()));
                    orders.put(new OrderKey(order.tenant(), order.shopifyOrderId()), order);
                }
                return orders;
            });
        });
    }

    /** Inserts new orders with their lines, then applies the changes to stored ones (each only if unchanged since read). */
    public Uni<Void> write(SqlConnection connection, List<NewOrder> created, List<OrderChange> changed) {
        Columns orders = new Columns(ORDER_COLUMNS);
        Columns lines = new Columns(LINE_COLUMNS);
        for (NewOrder order : created) {
            OrderSnapshot s = order.snapshot();
            List<Object> row = new ArrayList<>(List.of(order.id(), order.tenant(), s.shopifyOrderId()));
            row.addAll(Arrays.asList(s.orderNumber(), order.status().name(), s.financialStatus(), s.fulfillmentStatus(),
                    s.currency(), numeric(s.totalPrice())));
            row.addAll(address(s.shippingAddress()));
            row.addAll(Arrays.asList(s.createdAt(), offsetSeconds(s), s.updatedAt(), s.cancelledAt(), order.importedAt(),
                    order.queuedAt(), order.traceparent()));
            orders.add(row);
            for (OrderSnapshot.Line line : s.lines()) {
                lines.add(line(UUID.randomUUID(), order.id(), order.tenant(), line));
            }
        }
        List<Tuple> updates = new ArrayList<>(changed.size());
        List<Tuple> lineUpdates = new ArrayList<>();
        List<String> removedTenants = new ArrayList<>();
        List<UUID> removed = new ArrayList<>();
        List<Tuple> supersede = new ArrayList<>();
        List<Tuple> edits = new ArrayList<>();
        for (OrderChange change : changed) {
            StoredOrder stored = change.stored();
            updates.add(orderUpdate(change));
            if (change.edit() != null) {
                supersede.add(Tuple.of(stored.tenant(), stored.id()));
                edits.add(Tuple.tuple().addUUID(change.edit().id()).addString(stored.tenant()).addUUID(stored.id())
                        .addValue(change.snapshot().updatedAt()).addString(change.edit().state())
                        .addString(change.edit().changes()).addString(change.edit().lines()));
            }
            change.addedLines().forEach(l -> lines.add(line(l.id(), stored.id(), stored.tenant(), l.line())));
            change.changedLines().forEach(l -> lineUpdates.add(lineUpdate(stored.tenant(), l)));
            change.removedLines().forEach(id -> {
                removedTenants.add(stored.tenant());
                removed.add(id);
            });
        }
        // an order inserted meanwhile by another writer (an instance that still held the partition) or changed since it
        // was read: the batch is rolled back and tried again, and then sees it
        return insert(connection, INSERT_ORDERS, orders).invoke(count -> {
                    if (count != created.size()) {
                        throw new ConcurrentUpdateException(created.size(), count);
                    }
                })
                .chain(() -> batch(connection, UPDATE_ORDER, updates).invoke(count -> {
                    if (count != updates.size()) {
                        throw new ConcurrentUpdateException(updates.size(), count);
                    }
                }))
                .chain(() -> removed.isEmpty() ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(DELETE_LINES)
                                .execute(Tuple.of(removedTenants.toArray(String[]::new), removed.toArray(UUID[]::new)))
                                .replaceWithVoid())
                .chain(() -> batch(connection, UPDATE_LINE, lineUpdates))
                .chain(() -> insert(connection, INSERT_LINES, lines))
                .chain(() -> batch(connection, SUPERSEDE_EDITS, supersede))
                .chain(() -> batch(connection, INSERT_EDIT, edits))
                .replaceWithVoid();
    }

    private static final Class<?>[] ORDER_COLUMNS = { UUID.class, String.class, Long.class, String.class, String.class,
            String.class, String.class, String.class, Numeric.class, String.class, String.class, String.class, String.class,
            String.class, String.class, String.class, String.class, String.class, String.class, String.class,
            OffsetDateTime.class, Integer.class, OffsetDateTime.class, OffsetDateTime.class, OffsetDateTime.class,
            OffsetDateTime.class, String.class };

    private static final Class<?>[] LINE_COLUMNS = { UUID.class, UUID.class, String.class, Long.class, Long.class,
            Long.class, String.class, String.class, String.class, Integer.class, Integer.class, Numeric.class,
            Boolean.class, Boolean.class };

    /** Rows gathered column by column, bound as one array per column (an {@code unnest} of them is the rows again). */
    private static final class Columns {
        private final Class<?>[] types;
        private final List<List<Object>> values = new ArrayList<>();
        private int rows;

        Columns(Class<?>[] types) {
            this.types = types;
            for (int i = 0; i < types.length; i++) {
                values.add(new ArrayList<>());
            }
        }

        void add(List<Object> row) {
            for (int i = 0; i < types.length; i++) {
                values.get(i).add(row.get(i));
            }
            rows++;
        }

        Tuple tuple() {
            Tuple tuple = Tuple.tuple();
            for (int i = 0; i < types.length; i++) {
                tuple.addValue(values.get(i).toArray((Object[]) Array.newInstance(types[i], rows)));
            }
            return tuple;
        }
    }

    /** One statement inserting every gathered row; the rows inserted. */
    private static Uni<Integer> insert(SqlConnection connection, String sql, Columns rows) {
        if (rows.rows == 0) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery(sql).execute(rows.tuple()).map(RowSet::rowCount);
    }

    private static List<Object> line(UUID id, UUID orderId, String tenant, OrderSnapshot.Line l) {
        return Arrays.asList(id, orderId, tenant, l.shopifyLineItemId(), l.variantId(), l.productId(), l.sku(), l.title(),
                l.variantTitle(), l.quantity(), l.fulfillableQuantity(), numeric(l.price()), l.requiresShipping(),
                l.giftCard());
    }

    private static List<Object> address(Address a) {
        return a == null ? Arrays.asList(new Object[11])
                : Arrays.asList(a.name(), a.company(), a.address1(), a.address2(), a.city(), a.province(), a.provinceCode(),
                        a.zip(), a.country(), a.countryCode(), a.phone());
    }

    /** A price as PostgreSQL's numeric, with the scale Shopify sent ("199.00" stays 199.00). */
    private static Numeric numeric(BigDecimal value) {
        return value == null ? null : Numeric.create(value);
    }

    private static Integer offsetSeconds(OrderSnapshot s) {
        return s.createdAt() == null ? null : s.createdAt().getOffset().getTotalSeconds();
    }

    /** One statement for many rows (one round trip); the rows it touched. */
    private static Uni<Integer> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return connection.preparedQuery(sql).executeBatch(rows).map(result -> {
            int count = 0;
            for (RowSet<Row> r = result; r != null; r = r.next()) {
                count += r.rowCount();
            }
            return count;
        });
    }

    private static Tuple orderUpdate(OrderChange change) {
        OrderSnapshot s = change.snapshot();
        Tuple row = Tuple.tuple().addString(change.stored().tenant()).addUUID(change.stored().id())
                .addString(s.orderNumber()).addString(change.status().name()).addString(s.financialStatus())
                .addString(s.fulfillmentStatus()).addString(s.currency()).addValue(s.totalPrice());
        address(s.shippingAddress()).forEach(row::addValue);
        return row.addValue(s.createdAt()).addValue(offsetSeconds(s))
                .addValue(s.updatedAt()).addValue(s.cancelledAt()).addValue(change.updatedAt()).addValue(change.queuedAt())
                .addString(change.heldFrom() == null ? null : change.heldFrom().name())
                .addBoolean(change.cancelledAfterShipping()).addBoolean(change.changedAfterPicking())
                .addLong(change.stored().version());
    }

    private static Tuple lineUpdate(String tenant, StoredLine l) {
        return Tuple.tuple().addString(tenant).addUUID(l.id()).addValue(l.variantId()).addValue(l.productId())
                .addString(l.sku()).addString(l.title()).addString(l.variantTitle()).addInteger(l.quantity())
                .addInteger(l.fulfillableQuantity()).addValue(l.price()).addBoolean(l.requiresShipping())
                .addBoolean(l.giftCard());
    }

    private static StoredOrder order(Row row, List<StoredLine> lines) {
        String heldFrom = row.getString("held_from");
        return new StoredOrder(row.getUUID("id"), row.getString("tenant"), row.getLong("shopify_order_id"),
                OrderStatus.valueOf(row.getString("status")), heldFrom == null ? null : OrderStatus.valueOf(heldFrom),
                row.getOffsetDateTime("shopify_updated_at"), row.getOffsetDateTime("queued_at"),
                row.getBoolean("cancelled_after_shipping"), row.getBoolean("changed_after_picking"), row.getLong("version"),
                lines, row.getString("open_edit"));
    }

    private static StoredLine line(Row row) {
        return new StoredLine(row.getUUID("id"), row.getLong("shopify_line_item_id"), row.getLong("shopify_variant_id"),
                row.getLong("shopify_product_id"), row.getString("sku"), row.getString("title"),
                row.getString("variant_title"), row.getInteger("quantity"), row.getInteger("fulfillable_quantity"),
                row.getBigDecimal("price"), row.getBoolean("requires_shipping"), row.getBoolean("gift_card"));
    }
}
