package com.proign.shopify.orders.repository;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.FulfillmentHold;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Shopify's holds per fulfillment order, and the two set-based statements that put orders on hold and take them off
 * as Shopify's holds say; the version moves on, so a queue move that read the order before loses its race.
 */
@ApplicationScoped
public class FulfillmentHoldRepository {

    /** Orders of the tenant (all, or one) with a held fulfillment order, not yet on hold, go on hold. */
    private static final String HOLD = """
            UPDATE shop_order o SET held_from = o.status, status = 'on_hold', held_by_shopify = true,
                   hold_reason = left('Held in Shopify: ' || h.reasons, 500), updated_at = now(), version = o.version + 1
              FROM (SELECT tenant, shopify_order_id, string_agg(reasons, '; ' ORDER BY fulfillment_order_id) AS reasons
                      FROM fulfillment_hold WHERE held AND tenant = ANY($1) GROUP BY tenant, shopify_order_id) h
             WHERE o.tenant = h.tenant AND o.shopify_order_id = h.shopify_order_id
               AND ($2::int8 IS NULL OR o.shopify_order_id = $2)
               AND o.status IN ('pending', 'picking', 'packed', 'partially_shipped')""";

    /** Orders Shopify held whose fulfillment orders are all released go back to where they were. */
    private static final String RELEASE = """
            UPDATE shop_order o SET status = coalesce(o.held_from, 'pending'), held_from = NULL, hold_reason = NULL,
                   held_by_shopify = false, updated_at = now(), version = o.version + 1
             WHERE o.tenant = ANY($1) AND ($2::int8 IS NULL OR o.shopify_order_id = $2)
               AND o.held_by_shopify AND o.status = 'on_hold'
               AND NOT EXISTS (SELECT 1 FROM fulfillment_hold h WHERE h.tenant = o.tenant
                                AND h.shopify_order_id = o.shopify_order_id AND h.held)""";

    private final Pool pool;

    public FulfillmentHoldRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Records the state unless a later one was recorded already; whether it was recorded. In one transaction with
     * {@link #apply}.
     */
    public Uni<Boolean> record(SqlConnection c, FulfillmentHold state) {
        return c.preparedQuery("""
                INSERT INTO fulfillment_hold (tenant, fulfillment_order_id, shopify_order_id, status, reasons, held, read_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                ON CONFLICT (tenant, fulfillment_order_id) DO UPDATE SET status = excluded.status, reasons = excluded.reasons,
                    held = excluded.held, read_at = excluded.read_at, shopify_order_id = excluded.shopify_order_id
                 WHERE fulfillment_hold.read_at < excluded.read_at""")
                .execute(Tuple.from(java.util.List.of(state.tenant(), state.fulfillmentOrderId(), state.shopifyOrderId(),
                        state.status(), state.reasons(), state.held(), state.readAt())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Puts the tenant's order on hold, or takes it off, as its recorded holds say. How many orders changed. */
    public Uni<Integer> apply(SqlConnection c, String tenant, long shopifyOrderId) {
        Tuple args = Tuple.of(new String[] { tenant }, shopifyOrderId);
        return c.preparedQuery(HOLD).execute(args).chain(held -> c.preparedQuery(RELEASE).execute(args)
                .map(released -> held.rowCount() + released.rowCount()));
    }

    /**
     * Orders imported after Shopify held them (the hold was read first) go on hold: every tenant with a held
     * fulfillment order, so it reads across tenants by design (docs/decisions.md). How many orders changed.
     */
    public Uni<Integer> holdLateImports() {
        return pool.withTransaction(c -> c.query("SELECT DISTINCT tenant FROM fulfillment_hold WHERE held").execute()
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
