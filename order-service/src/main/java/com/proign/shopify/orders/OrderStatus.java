package com.proign.shopify.orders;

/**
 * Where an order stands in the warehouse. {@code filtered}: imported but not in the queue, because it does not
 * pass the tenant's order status filter (yet). {@code refunded}: Shopify refunded all of it before it shipped.
 * {@code assigned_elsewhere}: Shopify assigned all of it to other locations or fulfillment services before picking
 * started; it returns to pending when some of it is assigned to the warehouse again. {@code requested}: Shopify
 * assigned it to the warehouse's fulfillment service and the warehouse has not accepted the merchant's request (or none
 * came yet): not pickable;
 * {@code rejected}: the warehouse rejected that request (out of the queue until the merchant asks again).
 */
public enum OrderStatus {
    filtered, pending, picking, packed, partially_shipped, shipped, cancelled, on_hold, refunded, assigned_elsewhere, requested, rejected;

    /** Whether some of the order has left the warehouse. */
    public boolean shippedAny() {
        return this == partially_shipped || this == shipped;
    }
}
