package com.proign.shopify.orders.repository;

import com.proign.shopify.orders.OrderStatus;

/** Optional filters of the queue listing; null means "any". */
public record OrderFilter(Long shopifyOrderId, OrderStatus status) {
}
