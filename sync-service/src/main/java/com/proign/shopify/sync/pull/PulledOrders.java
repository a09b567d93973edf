package com.proign.shopify.sync.pull;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import com.proign.shopify.sync.client.ShopifyGraphql;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Pages of orders from Shopify (OrdersPage.graphql, an order's lines past the first ten by OrderLineItems.graphql)
 * and their way into the queue: each order as an orders/updated event on shopify.orders, the webhooks' own path
 * (event id {@code pull:<order>:<updated_at>}, so an order already seen in that state costs order-service nothing).
 */
@ApplicationScoped
public class PulledOrders {

    private static final double MAX_QUERY_COST = 1000;
    /** Requested cost of one order in OrdersPage.graphql, and of the connection itself (see the file). */
    static final double ORDER_COST = 46;
    static final double CONNECTION_COST = 2;
    /** Requested cost of OrderLineItems.graphql (see the file). */
    static final double LINES_COST = 403;

    /** One page: its orders, where the next starts, and what it cost. */
    public record Page(JsonArray nodes, boolean hasNext, String endCursor, double requestedCost, double actualCost) {
    }

    private final ShopifyGraphql shopify;
    private final MutinyEmitter<byte[]> orders;

    public PulledOrders(ShopifyGraphql shopify, @Channel("pulled-orders") MutinyEmitter<byte[]> orders) {
        this.shopify = shopify;
        this.orders = orders;
    }

    /** The largest page whose requested cost stays within Shopify's 1000 points per query. */
    static int pageSize(double perOrder) {
        return (int) Math.max(1, Math.min(250, Math.floor((MAX_QUERY_COST - CONNECTION_COST) / perOrder)));
    }

    /** The first page's size, before a page's requested cost says more. */
    public static int firstPageSize() {
        return pageSize(ORDER_COST);
    }

    /** A page of orders, each with every line (an order of more lines than the page reads gets the rest first). */
    public Uni<Page> page(String tenant, int size, String after, String query, String sortKey) {
        JsonObject variables = new JsonObject().put("first", size).put("after", after).put("query", query)
                .put("sortKey", sortKey);
        return shopify.execute(tenant, "OrdersPage", variables, CONNECTION_COST + size * ORDER_COST).chain(answer -> {
            JsonObject connection = answer.data().getJsonObject("orders");
            JsonObject info = connection.getJsonObject("pageInfo");
            return withEveryLine(tenant, connection.getJsonArray("nodes")).map(nodes -> new Page(nodes,
                    info.getBoolean("hasNextPage", false), info.getString("endCursor"), answer.requestedCost(),
                    answer.actualCost()));
        });
    }

    /**
     * The orders with the lines OrdersPage.graphql left out read through OrderLineItems.graphql, one order after
     * another; an order deleted in between is left out (its orders/delete says the rest).
     */
    private Uni<JsonArray> withEveryLine(String tenant, JsonArray nodes) {
        Uni<JsonArray> complete = Uni.createFrom().item(JsonArray::new);
        for (Object item : nodes) {
            JsonObject order = (JsonObject) item;
            JsonObject lines = order.getJsonObject("lineItems");
            JsonObject info = lines == null ? null : lines.getJsonObject("pageInfo");
            if (info == null || !info.getBoolean("hasNextPage", false)) {
                complete = complete.invoke(kept -> kept.add(order));
            } else {
                complete = complete.chain(kept -> shopify.appendPages(tenant, "OrderLineItems", "order", "lineItems",
                        order.getString("id"), info.getString("endCursor"), LINES_COST, lines.getJsonArray("nodes"))
                        .map(found -> found ? kept.add(order) : kept));
            }
        }
        return complete;
    }

    /** The page size that the last page's requested cost says fits. */
    public static int nextSize(Page page, int size) {
        return pageSize(Math.max(1, (page.requestedCost() - CONNECTION_COST) / Math.max(1, size)));
    }

    /** Publishes the orders, in order; completes once Kafka acknowledged them all, on the caller's context. */
    public Uni<Void> publish(String tenant, JsonArray nodes) {
        return publish(tenant, events(tenant, nodes));
    }

    /** The orders of a page as the events they go out as. */
    public static List<PulledEvents.Event> events(String tenant, JsonArray nodes) {
        List<PulledEvents.Event> events = new ArrayList<>(nodes.size());
        for (Object item : nodes) {
            events.add(event(tenant, (JsonObject) item));
        }
        return events;
    }

    /** Publishes events made by {@link #event}. */
    public Uni<Void> publish(String tenant, List<PulledEvents.Event> events) {
        return PulledEvents.publish(orders, tenant, events);
    }

    /** An order read through GraphQL as the orders/updated event it goes out as. */
    public static PulledEvents.Event event(String tenant, JsonObject node) {
        JsonObject body = OrderPayloads.toRest(node);
        long orderId = body.getLong("id");
        return PulledEvents.Event.ofOrder(tenant + ":" + orderId, "pull:" + orderId + ":" + body.getString("updated_at"),
                body);
    }
}
