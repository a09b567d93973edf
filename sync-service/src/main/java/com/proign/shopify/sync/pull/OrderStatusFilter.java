package com.proign.shopify.sync.pull;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The order statuses a merchant can ask a history pull for (the PROIGN help page's words), each as Shopify's order
 * search syntax: {@code status} (open, closed, cancelled, any), {@code fulfillment_status} and
 * {@code financial_status}, as the Admin API's {@code orders(query:)} takes them
 * (https://shopify.dev/docs/api/admin-graphql/latest/queries/orders, https://shopify.dev/docs/api/usage/search-syntax).
 * What the warehouse still has to ship is open; what is done may be archived (closed), so those search every status.
 */
public enum OrderStatusFilter {
    any("status:any"),
    open("status:open"),
    closed("status:closed"),
    cancelled("status:cancelled"),
    unfulfilled("status:open fulfillment_status:unfulfilled"),
    partially_fulfilled("status:open fulfillment_status:partial"),
    fulfilled("status:any fulfillment_status:shipped"),
    unpaid("status:open financial_status:unpaid"),
    paid("status:any financial_status:paid");

    private final String search;

    OrderStatusFilter(String search) {
        this.search = search;
    }

    /** The terms of Shopify's order search that select these orders. */
    public String search() {
        return search;
    }

    /** The filter a merchant named, in any case. */
    public static Optional<OrderStatusFilter> parse(String value) {
        return Arrays.stream(values()).filter(f -> f.name().equals(value.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    /** Every value, for an error that names them. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
