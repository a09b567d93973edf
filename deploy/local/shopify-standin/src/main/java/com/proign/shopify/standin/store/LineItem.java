package com.proign.shopify.standin.store;

import java.math.BigDecimal;

/**
 * An order line; variant, product and SKU are null on a custom line item. {@code quantity} is what was first
 * ordered; {@code currentQuantity} what the order holds after edits (Shopify keeps a removed line with a current
 * quantity of 0: https://shopify.dev/docs/apps/build/orders-fulfillment/order-management-apps/edit-orders).
 */
public record LineItem(
        long id,
        Long variantId,
        Long productId,
        String sku,
        String title,
        String variantTitle,
        int quantity,
        int currentQuantity,
        int fulfilledQuantity,
        BigDecimal price,
        boolean requiresShipping,
        boolean giftCard,
        int grams) {

    /** A line as first ordered: its current quantity is its quantity. */
    public LineItem(long id, Long variantId, Long productId, String sku, String title, String variantTitle, int quantity,
            int fulfilledQuantity, BigDecimal price, boolean requiresShipping, boolean giftCard, int grams) {
        this(id, variantId, productId, sku, title, variantTitle, quantity, quantity, fulfilledQuantity, price,
                requiresShipping, giftCard, grams);
    }

    /** What is left to fulfil: the current quantity less what was fulfilled. */
    public int fulfillableQuantity() {
        return Math.max(0, currentQuantity - fulfilledQuantity);
    }

    public LineItem withFulfilled(int fulfilled) {
        return new LineItem(id, variantId, productId, sku, title, variantTitle, quantity, currentQuantity, fulfilled, price,
                requiresShipping, giftCard, grams);
    }

    /** The line after an edit set its quantity. */
    public LineItem withCurrentQuantity(int current) {
        return new LineItem(id, variantId, productId, sku, title, variantTitle, quantity, current, fulfilledQuantity, price,
                requiresShipping, giftCard, grams);
    }
}
