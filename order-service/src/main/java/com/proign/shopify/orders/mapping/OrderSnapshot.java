package com.proign.shopify.orders.mapping;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.proign.shopify.orders.Address;

/** An order as Shopify last described it, in this service's terms. Built only by {@link ShopifyOrderMapper}. */
public record OrderSnapshot(
        long shopifyOrderId,
        String orderNumber,
        String financialStatus,
        String fulfillmentStatus,
        String currency,
        BigDecimal totalPrice,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime cancelledAt,
        Address shippingAddress,
        List<Line> lines) {

    public record Line(
            long shopifyLineItemId,
            Long variantId,
            Long productId,
            String sku,
            String title,
            String variantTitle,
            int quantity,
            int fulfillableQuantity,
            BigDecimal price,
            boolean requiresShipping,
            boolean giftCard) {
    }

}
