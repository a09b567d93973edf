package com.proign.shopify.orders.mapping;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.proign.shopify.orders.Address;

/**
 * The one place that reads Shopify's order JSON (the REST resource a webhook carries, https://shopify.dev/docs/api/admin-rest/latest/resources/order): ids as
 * {@code long} (they pass 2^53), money as {@code BigDecimal}, times with their offset, unknown fields ignored,
 * SKU and variant allowed to be null.
 */
@ApplicationScoped
public class ShopifyOrderMapper {

    private final ObjectReader reader;

    public ShopifyOrderMapper() {
        ObjectMapper json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        this.reader = json.readerFor(ShopifyOrder.class);
    }

    public OrderSnapshot map(byte[] body) {
        ShopifyOrder order;
        try {
            order = reader.readValue(body);
        } catch (JsonProcessingException e) {
            throw new InvalidOrderPayloadException("not a Shopify order: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidOrderPayloadException("unreadable order body: " + e.getMessage(), e);
        }
        if (order == null || order.id() == null) {
            throw new InvalidOrderPayloadException("a Shopify order needs an id");
        }
        if (order.updatedAt() == null) {
            throw new InvalidOrderPayloadException("order " + order.id() + " has no updated_at");
        }
        List<OrderSnapshot.Line> lines = order.lineItems() == null ? List.of()
                : order.lineItems().stream().map(ShopifyOrderMapper::line).toList();
        return new OrderSnapshot(
                order.id(),
                orderNumber(order),
                order.financialStatus(),
                order.fulfillmentStatus(),
                order.currency(),
                order.totalPrice(),
                order.createdAt(),
                order.updatedAt(),
                order.cancelledAt(),
                address(order.shippingAddress()),
                lines);
    }

    private static String orderNumber(ShopifyOrder order) {
        if (order.name() != null && !order.name().isBlank()) {
            return order.name();
        }
        return order.orderNumber() == null ? "#" + order.id() : "#" + order.orderNumber();
    }

    private static OrderSnapshot.Line line(ShopifyLineItem item) {
        if (item.id() == null) {
            throw new InvalidOrderPayloadException("a line item needs an id");
        }
        // what the order holds now: Shopify keeps quantity as first ordered and follows edits in current_quantity
        // (0 for a line an edit removed; https://shopify.dev/docs/api/admin-rest/latest/resources/order)
        int quantity = item.currentQuantity() != null ? item.currentQuantity() : item.quantity() == null ? 0 : item.quantity();
        return new OrderSnapshot.Line(
                item.id(),
                item.variantId(),
                item.productId(),
                item.sku() == null || item.sku().isBlank() ? null : item.sku(),
                item.title() != null ? item.title() : item.name() != null ? item.name() : "(untitled)",
                item.variantTitle(),
                quantity,
                item.fulfillableQuantity() == null ? quantity : item.fulfillableQuantity(),
                item.price() == null ? BigDecimal.ZERO : item.price(),
                item.requiresShipping() == null || item.requiresShipping(),
                Boolean.TRUE.equals(item.giftCard()));
    }

    private static Address address(ShopifyAddress a) {
        if (a == null) {
            return null;
        }
        String name = a.name();
        if (name == null && (a.firstName() != null || a.lastName() != null)) {
            name = ((a.firstName() == null ? "" : a.firstName()) + " " + (a.lastName() == null ? "" : a.lastName())).strip();
        }
        return new Address(name, a.company(), a.address1(), a.address2(), a.city(), a.province(),
                a.provinceCode(), a.zip(), a.country(), a.countryCode(), a.phone());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShopifyOrder(
            Long id,
            String name,
            Long orderNumber,
            String financialStatus,
            String fulfillmentStatus,
            String currency,
            BigDecimal totalPrice,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime cancelledAt,
            ShopifyAddress shippingAddress,
            List<ShopifyLineItem> lineItems) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShopifyLineItem(
            Long id,
            Long variantId,
            Long productId,
            String sku,
            String title,
            String name,
            String variantTitle,
            Integer quantity,
            Integer currentQuantity,
            Integer fulfillableQuantity,
            BigDecimal price,
            Boolean requiresShipping,
            Boolean giftCard) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ShopifyAddress(
            String name,
            String firstName,
            String lastName,
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
    }
}
