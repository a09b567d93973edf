package com.proign.shopify.orders.rest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.proign.shopify.orders.Order;
import com.proign.shopify.orders.OrderLine;
import com.proign.shopify.orders.ShippingAddress;

/** An order of the queue as the API shows it (snake_case JSON). */
public record OrderView(
        UUID id,
        long shopifyOrderId,
        String shopifyOrderNumber,
        String status,
        String financialStatus,
        String fulfillmentStatus,
        String currency,
        BigDecimal totalPrice,
        List<Item> items,
        Address shippingAddress,
        OffsetDateTime orderedAt,
        OffsetDateTime cancelledAt,
        OffsetDateTime importedAt,
        OffsetDateTime updatedAt) {

    public record Item(
            long shopifyLineItemId,
            Long shopifyVariantId,
            String sku,
            String title,
            String variantTitle,
            int quantity,
            int fulfillableQuantity,
            BigDecimal price,
            boolean requiresShipping) {

        static Item of(OrderLine line) {
            return new Item(line.shopifyLineItemId, line.shopifyVariantId, line.sku, line.title, line.variantTitle,
                    line.quantity, line.fulfillableQuantity, line.price, line.requiresShipping);
        }
    }

    public record Address(
            String name,
            String company,
            String address1,
            String address2,
            String city,
            String province,
            String provinceCode,
            String zip,
            String country,
            String countryCode,
            String phone) {

        static Address of(ShippingAddress a) {
            return a == null ? null
                    : new Address(a.name, a.company, a.address1, a.address2, a.city, a.province, a.provinceCode, a.zip,
                            a.country, a.countryCode, a.phone);
        }
    }

    public static OrderView of(Order order) {
        return new OrderView(order.id, order.shopifyOrderId, order.shopifyOrderNumber, order.status.name(),
                order.financialStatus, order.fulfillmentStatus, order.currency, order.totalPrice,
                order.lines.stream().map(Item::of).toList(), Address.of(order.shippingAddress),
                order.shopifyCreatedAt, order.cancelledAt, order.importedAt, order.updatedAt);
    }
}
