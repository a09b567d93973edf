package com.proign.shopify.orders.repository;

import java.time.OffsetDateTime;

import com.proign.shopify.orders.OrderStatus;

/**
 * Optional filters of the queue listing; null means "any". Without a status or an order id, the listing is the
 * queue: every order but the filtered ones.
 */
public record OrderFilter(Long shopifyOrderId, OrderStatus status, String orderNumber, String sku,
        OffsetDateTime orderedFrom, OffsetDateTime orderedTo) {
}
