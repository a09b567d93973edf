package com.proign.shopify.sync.fulfillment;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.client.ShopifyGraphql;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Every line of a fulfillment order read with the first page of its lines (20 or 25): the rest through
 * FulfillmentOrderLineItems.graphql from the page's endCursor, so an order of many lines is fulfilled, stocked and
 * answered whole (https://shopify.dev/docs/api/usage/pagination-graphql).
 */
@ApplicationScoped
public class FulfillmentOrderLines {

    /** Requested cost of FulfillmentOrderLineItems.graphql (see the file). */
    static final double COST = 203;

    private final ShopifyGraphql shopify;

    public FulfillmentOrderLines(ShopifyGraphql shopify) {
        this.shopify = shopify;
    }

    /**
     * Adds, in place, the lines each of {@code fulfillmentOrders} (nodes with {@code id} and {@code lineItems {
     * nodes pageInfo }}) has beyond the page read, one fulfillment order after another. Nothing to do, no call.
     */
    public Uni<Void> complete(String tenant, JsonArray fulfillmentOrders) {
        Uni<Void> done = Uni.createFrom().voidItem();
        for (Object node : fulfillmentOrders == null ? new JsonArray() : fulfillmentOrders) {
            JsonObject fo = (JsonObject) node;
            JsonObject lines = fo.getJsonObject("lineItems");
            JsonObject page = lines == null ? null : lines.getJsonObject("pageInfo");
            if (page != null && page.getBoolean("hasNextPage", false)) {
                done = done.chain(() -> shopify.appendPages(tenant, "FulfillmentOrderLineItems", "fulfillmentOrder", "lineItems",
                        fo.getString("id"), page.getString("endCursor"), COST, lines.getJsonArray("nodes")).replaceWithVoid());
            }
        }
        return done;
    }

    /** The fulfillment orders of a read order ({@code order { fulfillmentOrders { nodes } } }), completed. */
    public Uni<Void> completeOrder(String tenant, JsonObject order) {
        return order == null ? Uni.createFrom().voidItem()
                : complete(tenant, order.getJsonObject("fulfillmentOrders", new JsonObject()).getJsonArray("nodes"));
    }
}
