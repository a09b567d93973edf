package com.proign.shopify.standin.store;

import java.math.BigDecimal;

/** An order line; variant, product and SKU are null on a custom line item. */
public record LineItem(
        long id,
        Long variantId,
        Long productId,
        String sku,
        String title,
        String variantTitle,
        int quantity,
        int fulfilledQuantity,
        BigDecimal price,
        boolean requiresShipping,
        boolean giftCard,
        int grams) {

    public int fulfillableQuantity() {
        return quantity - fulfilledQuantity;
    }

    public LineItem withFulfilled(int fulfilled) {
        return new LineItem(id, variantId, productId, sku, title, variantTitle, quantity, fulfilled, price,
                requiresShipping, giftCard, grams);
    }
}
