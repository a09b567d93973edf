package com.proign.shopify.orders.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.ShopifySamples;

class ShopifyOrderMapperTests {

    private final ShopifyOrderMapper mapper = new ShopifyOrderMapper();

    @Test
    void mapsShopifysSampleOrder() {
        OrderSnapshot order = mapper.map(ShopifySamples.bytes(ShopifySamples.ORDER));
        assertEquals(1073459981L, order.shopifyOrderId());
        assertEquals("#1002", order.orderNumber());
        assertEquals("paid", order.financialStatus());
        assertNull(order.fulfillmentStatus());
        assertEquals(new BigDecimal("181.09"), order.totalPrice());
        assertEquals(OffsetDateTime.of(2025, 4, 2, 11, 31, 38, 0, ZoneOffset.ofHours(-5)), order.updatedAt());
        assertEquals(ZoneOffset.ofHours(-5), order.createdAt().getOffset(), "the offset Shopify sent is kept");

        OrderSnapshot.Line line = order.lines().get(0);
        assertEquals("IPOD2009BLACK", line.sku());
        assertEquals("IPod Touch 8GB", line.title());
        assertEquals("Black", line.variantTitle());
        assertEquals(new BigDecimal("199.00"), line.price());
        assertEquals(1, line.quantity());
        assertTrue(line.requiresShipping());
        assertFalse(line.giftCard());

        assertEquals("Jane Smith", order.shippingAddress().name());
        assertEquals("123 Fake Street", order.shippingAddress().address1());
        assertEquals("Fakecity", order.shippingAddress().city());
        assertEquals("Ontario", order.shippingAddress().province());
        assertEquals("K2P 1L4", order.shippingAddress().zip());
        assertEquals("Canada", order.shippingAddress().country());
    }

    @Test
    void keepsIdsBeyondDoublePrecisionAndAllowsCustomLineItems() {
        String body = """
                {"id": 820982911946154508, "name": "#9999", "updated_at": "2026-11-25T10:00:00+01:00",
                 "line_items": [{"id": 866550311766439020, "variant_id": null, "product_id": null, "sku": null,
                                 "title": "Engraving", "quantity": 2, "price": "0.10", "requires_shipping": false}],
                 "some_future_field": {"nested": true}}""";
        OrderSnapshot order = mapper.map(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(820982911946154508L, order.shopifyOrderId());
        OrderSnapshot.Line line = order.lines().get(0);
        assertEquals(866550311766439020L, line.shopifyLineItemId());
        assertNull(line.sku());
        assertNull(line.variantId());
        assertEquals(new BigDecimal("0.10"), line.price());
        assertEquals(2, line.fulfillableQuantity(), "without fulfillable_quantity, all of it is to fulfil");
        assertFalse(line.requiresShipping());
        assertNull(order.shippingAddress());
    }

    @Test
    void refusesWhatIsNotAnOrder() {
        assertThrows(InvalidOrderPayloadException.class, () -> mapper.map("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidOrderPayloadException.class, () -> mapper.map("{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(InvalidOrderPayloadException.class,
                () -> mapper.map("{\"id\": 1}".getBytes(StandardCharsets.UTF_8)), "updated_at is required");
        assertThrows(InvalidOrderPayloadException.class,
                () -> mapper.map("{\"id\": \"x\", \"updated_at\": \"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)));
    }
}
