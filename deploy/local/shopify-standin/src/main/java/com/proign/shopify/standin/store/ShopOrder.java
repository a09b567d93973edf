package com.proign.shopify.standin.store;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** An order, immutable: every change replaces it with a copy (and a newer updatedAt). */
public record ShopOrder(
        long id,
        long number,
        String email,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime cancelledAt,
        String cancelReason,
        OffsetDateTime closedAt,
        String financialStatus,
        String currency,
        Address shippingAddress,
        List<LineItem> lineItems,
        String note,
        List<String> tags) {

    /** Shopify's times have whole seconds. */
    public ShopOrder {
        createdAt = seconds(createdAt);
        updatedAt = seconds(updatedAt);
        cancelledAt = seconds(cancelledAt);
        closedAt = seconds(closedAt);
    }

    private static OffsetDateTime seconds(OffsetDateTime t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    public String name() {
        return "#" + number;
    }

    /** The customer's id: one per email in a store, as Shopify keeps one customer per email; null without one. */
    public Long customerId() {
        return email == null ? null : customerIdOf(email);
    }

    public static long customerIdOf(String email) {
        return 7_000_000_000_000L + Math.floorMod(email.toLowerCase(java.util.Locale.ROOT).hashCode(), 1_000_000_000L);
    }

    public BigDecimal subtotal() {
        return lineItems.stream().map(l -> l.price().multiply(BigDecimal.valueOf(l.currentQuantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
    }

    /** REST's fulfillment_status: null (none shipped), "partial" or "fulfilled". */
    public String fulfillmentStatus() {
        int shippable = 0;
        int fulfilled = 0;
        for (LineItem line : lineItems) {
            if (line.requiresShipping()) {
                shippable += line.currentQuantity();
                fulfilled += line.fulfilledQuantity();
            }
        }
        if (fulfilled == 0) {
            return null;
        }
        return fulfilled >= shippable ? "fulfilled" : "partial";
    }

    /** REST's status filter: open, closed or cancelled. */
    public String status() {
        if (cancelledAt != null) {
            return "cancelled";
        }
        return closedAt != null ? "closed" : "open";
    }

    public ShopOrder with(OffsetDateTime updatedAt, String financialStatus, OffsetDateTime cancelledAt,
            String cancelReason, OffsetDateTime closedAt, List<LineItem> lineItems) {
        return new ShopOrder(id, number, email, createdAt, updatedAt, cancelledAt, cancelReason, closedAt,
                financialStatus, currency, shippingAddress, lineItems, note, tags);
    }
}
