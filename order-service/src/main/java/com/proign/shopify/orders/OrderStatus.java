package com.proign.shopify.orders;

/**
 * Where an order stands in the warehouse. {@code filtered}: imported but not in the queue, because it does not
 * pass the tenant's order status filter (yet). {@code refunded}: Shopify refunded all of it before it shipped.
 */
public enum OrderStatus {
    filtered, pending, picking, packed, partially_shipped, shipped, cancelled, on_hold, refunded;

    /** Whether some of the order has left the warehouse. */
    public boolean shippedAny() {
        return this == partially_shipped || this == shipped;
    }
}
