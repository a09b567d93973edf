package com.proign.shopify.orders.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.FulfillmentOrdersState;
import com.proign.shopify.orders.OrderLine;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.mapping.OrderSnapshot;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Each fulfillment order of an order as Shopify last had it; the set-based statements that put orders on hold, keep
 * their reason current and take them off as Shopify's holds say; and what the assignment of the order's lines (here or
 * elsewhere) reads and writes. The version moves on, so a queue move that read the order before loses its race.
 */
@ApplicationScoped
public class FulfillmentOrderRepository {

    /** Per order of the tenants ($1), the reasons of its held fulfillment orders, in words. */
    private static final String HELD = """
              FROM (SELECT tenant, shopify_order_id, string_agg(reasons, '; ' ORDER BY fulfillment_order_id) AS reasons
                      FROM fulfillment_order_state WHERE held AND tenant = ANY($1) GROUP BY tenant, shopify_order_id) h
            """;

    /** Orders of the tenant (all, or one) with a held fulfillment order, not yet on hold, go on hold. */
    private static final String HOLD = """
            UPDATE shop_order o SET held_from = o.status, status = 'on_hold', held_by_shopify = true,
                   hold_reason = left('Held in Shopify: ' || h.reasons, 500), updated_at = now(), version = o.version + 1
            """ + HELD + """
             WHERE o.tenant = h.tenant AND o.shopify_order_id = h.shopify_order_id
               AND ($2::int8 IS NULL OR o.shopify_order_id = $2)
               AND o.status IN ('pending', 'picking', 'packed', 'partially_shipped')""";

    /** Orders Shopify holds still, whose holds' reasons changed (another hold, a new date): the reason follows. */
    private static final String REASONS = """
            UPDATE shop_order o SET hold_reason = left('Held in Shopify: ' || h.reasons, 500), updated_at = now(),
                   version = o.version + 1
            """ + HELD + """
             WHERE o.tenant = h.tenant AND o.shopify_order_id = h.shopify_order_id
               AND ($2::int8 IS NULL OR o.shopify_order_id = $2)
               AND o.status = 'on_hold' AND o.held_by_shopify
               AND o.hold_reason IS DISTINCT FROM left('Held in Shopify: ' || h.reasons, 500)""";

    /** Orders Shopify held whose fulfillment orders are all released go back to where they were. */
    private static final String RELEASE = """
            UPDATE shop_order o SET status = coalesce(o.held_from, 'pending'), held_from = NULL, hold_reason = NULL,
                   held_by_shopify = false, updated_at = now(), version = o.version + 1
             WHERE o.tenant = ANY($1) AND ($2::int8 IS NULL OR o.shopify_order_id = $2)
               AND o.held_by_shopify AND o.status = 'on_hold'
               AND NOT EXISTS (SELECT 1 FROM fulfillment_order_state h WHERE h.tenant = o.tenant
                                AND h.shopify_order_id = o.shopify_order_id AND h.held)""";

    private final Pool pool;

    public FulfillmentOrderRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records each fulfillment order of the state unless a later state of it was recorded already; how many were
     * recorded. In one transaction with {@link #apply} and the assignment.
     */
    public Uni<Integer> record(SqlConnection c, FulfillmentOrdersState state) {
        List<Tuple> rows = new ArrayList<>();
        for (FulfillmentOrdersState.FulfillmentOrder fo : state.fulfillmentOrders()) {
            JsonArray lines = new JsonArray();
            for (FulfillmentOrdersState.Line line : fo.lines() == null ? List.<FulfillmentOrdersState.Line>of() : fo.lines()) {
                lines.add(new JsonObject().put("line_item_id", line.lineItemId()).put("total_quantity", line.totalQuantity())
                        .put("remaining_quantity", line.remainingQuantity()));
            }
            rows.add(Tuple.from(Arrays.asList(state.tenant(), fo.fulfillmentOrderId(), state.shopifyOrderId(), fo.status(),
                    fo.reasons(), fo.held(), state.readAt(), fo.here(), fo.locationName(), fo.fulfillmentService(),
                    fo.fulfillAt(), lines, fo.requestStatus(), fo.requestMessage(), fo.response())));
        }
        if (rows.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return c.preparedQuery("""
                INSERT INTO fulfillment_order_state (tenant, fulfillment_order_id, shopify_order_id, status, reasons, held, read_at,
                    at_fulfillment_location, location_name, fulfillment_service, fulfill_at, lines, request_status, request_message,
                    response)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, left($9, 255), left($10, 255), $11, $12, left($13, 32), left($14, 1000),
                    left($15, 1000))
                ON CONFLICT (tenant, fulfillment_order_id) DO UPDATE SET status = excluded.status, reasons = excluded.reasons,
                    held = excluded.held, read_at = excluded.read_at, shopify_order_id = excluded.shopify_order_id,
                    at_fulfillment_location = excluded.at_fulfillment_location, location_name = excluded.location_name,
                    fulfillment_service = excluded.fulfillment_service, fulfill_at = excluded.fulfill_at, lines = excluded.lines,
                    request_status = excluded.request_status, request_message = excluded.request_message,
                    response = excluded.response
                 WHERE fulfillment_order_state.read_at < excluded.read_at""")
                .executeBatch(rows).map(FulfillmentOrderRepository::affected);
    }

    private static int affected(RowSet<Row> rows) {
        int n = 0;
        for (RowSet<Row> r = rows; r != null; r = r.next()) {
            n += r.rowCount();
        }
        return n;
    }

    /** The order's fulfillment orders as last recorded (those read without lines have none). */
    public Uni<List<FulfillmentOrdersState.FulfillmentOrder>> states(SqlConnection c, String tenant, long shopifyOrderId) {
        return c.preparedQuery("""
                SELECT fulfillment_order_id, status, at_fulfillment_location, location_name, fulfillment_service, fulfill_at, lines
                  FROM fulfillment_order_state WHERE tenant = $1 AND shopify_order_id = $2""")
                .execute(Tuple.of(tenant, shopifyOrderId)).map(rows -> {
                    List<FulfillmentOrdersState.FulfillmentOrder> states = new ArrayList<>();
                    for (Row row : rows) {
                        List<FulfillmentOrdersState.Line> lines = null;
                        Object json = row.getValue("lines");
                        if (json instanceof JsonArray array) {
                            lines = new ArrayList<>();
                            for (Object item : array) {
                                JsonObject line = (JsonObject) item;
                                lines.add(new FulfillmentOrdersState.Line(line.getLong("line_item_id"),
                                        line.getInteger("total_quantity"), line.getInteger("remaining_quantity")));
                            }
                        }
                        states.add(new FulfillmentOrdersState.FulfillmentOrder(row.getLong("fulfillment_order_id"),
                                row.getString("status"), null, null, row.getString("location_name"), row.getString("fulfillment_service"),
                                row.getBoolean("at_fulfillment_location"), row.getOffsetDateTime("fulfill_at"), List.of(), lines,
                                null, null));
                    }
                    return states;
                });
    }

    /** An order as the assignment sees it, locked for the transaction; null when it is not (yet) imported. */
    public record AssignedOrder(UUID id, OrderStatus status, OrderStatus heldFrom, boolean changedAfterPicking,
            String number, List<AssignedLine> lines) {
    }

    /** A line of it, with what Shopify last assigned elsewhere and what the pick list leaves out. */
    public record AssignedLine(UUID id, long shopifyLineItemId, String sku, String title, int quantity, boolean pickable,
            int fulfillable, int shipped, int elsewhere, int shopifyElsewhere) {

        /** What is left to pick of it with {@code elsewhereQuantity} assigned away. */
        public int toPick(int elsewhereQuantity) {
            return OrderLine.toPick(pickable, quantity, fulfillable, shipped, elsewhereQuantity);
        }
    }

    /**
     * Until the transaction ends, one transaction at a time works on these orders (the tenants' and Shopify's ids
     * pairwise): an order's import and the recording of its fulfillment orders then each see what the other
     * committed, so neither misses the other when both arrive at once (READ COMMITTED reads would let each see
     * nothing of the other). Taken in one order, so two batches never wait on each other in a cycle; a transaction-level
     * advisory lock (https://www.postgresql.org/docs/15/explicit-locking.html#ADVISORY-LOCKS), released at commit.
     */
    public Uni<Void> lockOrders(SqlConnection c, List<String> tenants, List<Long> shopifyOrderIds) {
        return c.preparedQuery("""
                SELECT count(pg_advisory_xact_lock(k)) FROM (
                    SELECT DISTINCT hashtextextended(t || ':' || id, 0) AS k
                      FROM unnest($1::text[], $2::bigint[]) AS u(t, id) ORDER BY k) AS keys""")
                .execute(Tuple.of(tenants.toArray(String[]::new), shopifyOrderIds.toArray(Long[]::new))).replaceWithVoid();
    }

    public Uni<AssignedOrder> lockOrder(SqlConnection c, String tenant, long shopifyOrderId) {
        return c.preparedQuery("""
                SELECT id, status, held_from, changed_after_picking, shopify_order_number FROM shop_order
                 WHERE tenant = $1 AND shopify_order_id = $2 FOR UPDATE""")
                .execute(Tuple.of(tenant, shopifyOrderId)).chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    Row order = rows.iterator().next();
                    UUID id = order.getUUID("id");
                    return c.preparedQuery("""
                            SELECT id, shopify_line_item_id, sku, title, quantity, fulfillable_quantity, shipped_quantity,
                                   requires_shipping, gift_card, elsewhere_quantity, shopify_elsewhere_quantity
                              FROM order_line WHERE tenant = $1 AND order_id = $2 ORDER BY shopify_line_item_id""")
                            .execute(Tuple.of(tenant, id)).map(lineRows -> {
                                List<AssignedLine> lines = new ArrayList<>();
                                for (Row l : lineRows) {
                                    lines.add(new AssignedLine(l.getUUID("id"), l.getLong("shopify_line_item_id"),
                                            l.getString("sku"), l.getString("title"), l.getInteger("quantity"),
                                            l.getBoolean("requires_shipping") && !l.getBoolean("gift_card"),
                                            l.getInteger("fulfillable_quantity"), l.getInteger("shipped_quantity"),
                                            l.getInteger("elsewhere_quantity"), l.getInteger("shopify_elsewhere_quantity")));
                                }
                                String held = order.getString("held_from");
                                return new AssignedOrder(id, OrderStatus.valueOf(order.getString("status")),
                                        held == null ? null : OrderStatus.valueOf(held), order.getBoolean("changed_after_picking"),
                                        order.getString("shopify_order_number"), lines);
                            });
                });
    }

    /** A line's assignment: what Shopify says is elsewhere, what the pick list leaves out, and where. */
    public record LineAssignment(UUID id, int elsewhere, int shopifyElsewhere, String where) {
    }

    public Uni<Void> assign(SqlConnection c, String tenant, List<LineAssignment> lines) {
        if (lines.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("""
                UPDATE order_line SET elsewhere_quantity = $3, shopify_elsewhere_quantity = $4, assigned_elsewhere = $5
                 WHERE tenant = $1 AND id = $2""")
                .executeBatch(lines.stream().map(l -> Tuple.from(Arrays.asList(tenant, l.id(), l.elsewhere(),
                        l.shopifyElsewhere(), l.where()))).toList())
                .replaceWithVoid();
    }

    /** The order's status and flag after an assignment changed; the version moves on. */
    public Uni<Void> updateOrder(SqlConnection c, String tenant, UUID id, OrderStatus status, boolean changedAfterPicking) {
        return c.preparedQuery("""
                UPDATE shop_order SET status = $3, changed_after_picking = $4, updated_at = now(), version = version + 1
                 WHERE tenant = $1 AND id = $2""")
                .execute(Tuple.of(tenant, id, status.name(), changedAfterPicking)).replaceWithVoid();
    }

    /**
     * Keeps the change as an order edit: a new one in {@code state}, or, when one already waits for a person, added to
     * that one (whose lines are what acknowledging applies; the assignment Shopify last gave is applied with them).
     */
    public Uni<Void> recordEdit(SqlConnection c, String tenant, UUID orderId, OffsetDateTime readAt, String state,
            String json, String currentLines) {
        Uni<Integer> appended = "awaiting_acknowledgement".equals(state)
                ? c.preparedQuery("""
                        UPDATE order_edit SET changes = (changes::jsonb || $3::jsonb)::text
                         WHERE tenant = $1 AND order_id = $2 AND state = 'awaiting_acknowledgement'""")
                        .execute(Tuple.of(tenant, orderId, json)).map(RowSet::rowCount)
                : Uni.createFrom().item(0);
        return appended.chain(n -> n > 0 ? Uni.createFrom().voidItem()
                : c.preparedQuery("""
                        INSERT INTO order_edit (id, tenant, order_id, detected_at, shopify_updated_at, state, changes, lines)
                        VALUES ($1, $2, $3, now(), $4, $5, $6, $7)""")
                        .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), tenant, orderId, readAt, state, json, currentLines)))
                        .replaceWithVoid());
    }

    /** The order's lines as the order_edit keeps them (what acknowledging an assignment change leaves as it is). */
    public Uni<List<OrderSnapshot.Line>> currentLines(SqlConnection c, String tenant, UUID orderId) {
        return c.preparedQuery("""
                SELECT shopify_line_item_id, shopify_variant_id, shopify_product_id, sku, title, variant_title, quantity,
                       fulfillable_quantity, price, requires_shipping, gift_card
                  FROM order_line WHERE tenant = $1 AND order_id = $2 ORDER BY shopify_line_item_id""")
                .execute(Tuple.of(tenant, orderId)).map(rows -> {
                    List<OrderSnapshot.Line> lines = new ArrayList<>();
                    for (Row r : rows) {
                        lines.add(new OrderSnapshot.Line(r.getLong("shopify_line_item_id"), r.getLong("shopify_variant_id"),
                                r.getLong("shopify_product_id"), r.getString("sku"), r.getString("title"),
                                r.getString("variant_title"), r.getInteger("quantity"), r.getInteger("fulfillable_quantity"),
                                r.getBigDecimal("price"), r.getBoolean("requires_shipping"), r.getBoolean("gift_card")));
                    }
                    return lines;
                });
    }

    /**
     * The orders of these tenants and Shopify ids whose recorded fulfillment orders change them (for orders just
     * imported): some assigned elsewhere, or any at the warehouse's fulfillment service, whatever its request says
     * (unsubmitted too: the order waits for the merchant's request).
     */
    public Uni<List<Map.Entry<String, Long>>> withStates(SqlConnection c, List<String> tenants, List<Long> shopifyOrderIds) {
        if (tenants.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return c.preparedQuery("""
                SELECT DISTINCT f.tenant, f.shopify_order_id FROM fulfillment_order_state f
                  JOIN unnest($1::varchar[], $2::int8[]) AS k(tenant, shopify_order_id)
                    ON f.tenant = k.tenant AND f.shopify_order_id = k.shopify_order_id
                 WHERE NOT f.at_fulfillment_location OR f.fulfillment_service IS NOT NULL""")
                .execute(Tuple.of(tenants.toArray(String[]::new), shopifyOrderIds.toArray(Long[]::new)))
                .map(rows -> {
                    List<Map.Entry<String, Long>> found = new ArrayList<>();
                    rows.forEach(r -> found.add(Map.entry(r.getString(0), r.getLong(1))));
                    return found;
                });
    }

    /** An order as the requests to the warehouse's fulfillment service see it, locked for the transaction. */
    public record RequestOrder(UUID id, OrderStatus status, OrderStatus heldFrom, String number, String fulfillmentRequest,
            String cancellationRequest, String requestNote, String traceparent, String cancellationRule) {
    }

    /** The order (null when not imported), with the tenant's cancellation rule. */
    public Uni<RequestOrder> lockRequestOrder(SqlConnection c, String tenant, long shopifyOrderId) {
        return c.preparedQuery("""
                SELECT o.id, o.status, o.held_from, o.shopify_order_number, o.fulfillment_request, o.cancellation_request,
                       o.request_note, o.origin_traceparent,
                       coalesce((SELECT cancellation_request_rule FROM tenant_settings t WHERE t.tenant = o.tenant),
                                'accept_before_picking') AS rule
                  FROM shop_order o WHERE o.tenant = $1 AND o.shopify_order_id = $2 FOR UPDATE OF o""")
                .execute(Tuple.of(tenant, shopifyOrderId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    String held = r.getString("held_from");
                    return new RequestOrder(r.getUUID("id"), OrderStatus.valueOf(r.getString("status")),
                            held == null ? null : OrderStatus.valueOf(held), r.getString("shopify_order_number"),
                            r.getString("fulfillment_request"), r.getString("cancellation_request"), r.getString("request_note"),
                            r.getString("origin_traceparent"), r.getString("rule"));
                });
    }

    /** A fulfillment order at the warehouse's own fulfillment service's location: its status and the merchant's request. */
    public record RequestedState(String status, String requestStatus, String requestMessage, String response) {
    }

    /** The order's fulfillment orders at the warehouse's own fulfillment service's location, as last read. */
    public Uni<List<RequestedState>> requested(SqlConnection c, String tenant, long shopifyOrderId) {
        return c.preparedQuery("""
                SELECT status, request_status, request_message, response FROM fulfillment_order_state
                 WHERE tenant = $1 AND shopify_order_id = $2 AND at_fulfillment_location AND fulfillment_service IS NOT NULL
                 ORDER BY fulfillment_order_id""")
                .execute(Tuple.of(tenant, shopifyOrderId)).map(rows -> {
                    List<RequestedState> found = new ArrayList<>();
                    rows.forEach(r -> found.add(new RequestedState(r.getString("status"),
                            r.getString("request_status"), r.getString("request_message"), r.getString("response"))));
                    return found;
                });
    }

    /** The order's status and requests as the fulfillment orders say; the version moves on. */
    public Uni<Void> updateRequests(SqlConnection c, String tenant, UUID id, OrderStatus status, String fulfillmentRequest,
            String cancellationRequest, String note) {
        return c.preparedQuery("""
                UPDATE shop_order SET status = $3::varchar, fulfillment_request = $4, cancellation_request = $5, request_note = $6,
                       queued_at = CASE WHEN $3::varchar = 'pending' THEN coalesce(queued_at, now()) ELSE queued_at END,
                       updated_at = now(), version = version + 1
                 WHERE tenant = $1 AND id = $2""")
                .execute(Tuple.from(Arrays.asList(tenant, id, status.name(), fulfillmentRequest, cancellationRequest, note)))
                .replaceWithVoid();
    }

    /** A record for the outbox relay, in the caller's transaction. */
    public Uni<Void> outbox(SqlConnection c, String tenant, String topic, String key, String eventType, String payload,
            String traceparent) {
        return c.preparedQuery("""
                INSERT INTO outbox (tenant, topic, record_key, event_type, event_id, payload, created_at, traceparent)
                VALUES ($1, $2, $3, $4, $5, $6, now(), $7)""")
                .execute(Tuple.from(Arrays.asList(tenant, topic, key, eventType, UUID.randomUUID(), payload, traceparent)))
                .replaceWithVoid();
    }

    /** Puts the tenant's order on hold, or takes it off, as its recorded holds say. How many orders changed. */
    public Uni<Integer> apply(SqlConnection c, String tenant, long shopifyOrderId) {
        Tuple args = Tuple.of(new String[] { tenant }, shopifyOrderId);
        return c.preparedQuery(HOLD).execute(args).chain(held -> c.preparedQuery(REASONS).execute(args)
                .chain(reasons -> c.preparedQuery(RELEASE).execute(args)
                        .map(released -> held.rowCount() + reasons.rowCount() + released.rowCount())));
    }

    /**
     * Orders imported after Shopify held them (the hold was read first) go on hold: every tenant with a held
     * fulfillment order, so it reads across tenants by design (docs/decisions.md). How many orders changed.
     */
    public Uni<Integer> holdLateImports() {
        return pool.withTransaction(c -> c.query("SELECT DISTINCT tenant FROM fulfillment_order_state WHERE held").execute()
                .chain(rows -> {
                    java.util.List<String> tenants = new java.util.ArrayList<>();
                    rows.forEach(row -> tenants.add(row.getString(0)));
                    return tenants.isEmpty() ? Uni.createFrom().item(0)
                            : c.preparedQuery(HOLD).execute(Tuple.of(tenants.toArray(String[]::new), null)).map(r -> r.rowCount());
                }));
    }

    public <T> Uni<T> inTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }
}
