package com.proign.shopify.orders.rest;

import java.util.List;

/** One page of the queue; {@code next_cursor} is null on the last page. */
public record OrderPage(List<OrderView> orders, String nextCursor) {
}
