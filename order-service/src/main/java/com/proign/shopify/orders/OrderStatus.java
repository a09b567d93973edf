package com.proign.shopify.orders;

/**
 * Where an order stands in the warehouse. {@code filtered}: imported but not in the queue, because it does not
 * pass the tenant's order status filter (yet). {@code refunded}: Shopify refunded all of it before it shipped.
 * {@code assigned_elsewhere}: Shopify assigned all of it to other locations or fulfillment services before picking
 * started; it returns to pending when some of it is assigned to the warehouse again.
 */
public enum OrderStatus {
    filtered, pending, picking, packed, partially_shipped, shipped, cancelled, on_hold, refunded, assigned_elsewhere;

    /** Whether some of the order has left the warehouse. */
    public boolean shippedAny() {
        return this == partially_shipped || this == shipped;
    }
}
