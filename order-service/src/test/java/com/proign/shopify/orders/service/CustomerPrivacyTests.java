package com.proign.shopify.orders.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.Delivery;
import com.proign.shopify.orders.repository.PrivacyRepository.ExportedOrder;

/** Reading Shopify's privacy webhooks, and the export's document, without Kafka or a database. */
class CustomerPrivacyTests {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheCustomerAndTheirOrdersAsShopifySendsThem() {
        CustomerPrivacy.Request redact = CustomerPrivacy.Request.read("customers/redact", json("""
                {"shop_id": 954889, "shop_domain": "s.myshopify.com",
                 "customer": {"id": 191167, "email": "john@example.com", "phone": "555-625-1199"},
                 "orders_to_redact": [299938, 280263, 5400000000000123]}"""));
        assertEquals(191167L, redact.customerId());
        assertEquals(List.of(299938L, 280263L, 5400000000000123L), redact.orders());
        assertEquals(List.of("john@example.com", "555-625-1199", "299938", "280263", "5400000000000123"), redact.needles());

        CustomerPrivacy.Request request = CustomerPrivacy.Request.read("customers/data_request", json("""
                {"shop_id": 1, "shop_domain": "s.myshopify.com", "orders_requested": [7],
                 "customer": {"id": 2, "email": "", "phone": null}, "data_request": {"id": 9999}}"""));
        assertEquals(9999L, request.dataRequestId());
        assertEquals(List.of("7"), request.needles(), "no blank email or missing phone to look for");
        assertNull(request.email());

        assertEquals(List.of(), CustomerPrivacy.Request.read("shop/redact", json("{\"shop_id\": 1, \"shop_domain\": \"s\"}")).orders());
    }

    @Test
    void aBodyThatIsNotTheRequestCanNeverBeApplied() {
        assertThrows(PoisonRecordException.class, () -> CustomerPrivacy.Request.read("customers/redact", json("not json")));
        assertThrows(PoisonRecordException.class, () -> CustomerPrivacy.Request.read("customers/redact", json("[1]")));
        assertThrows(PoisonRecordException.class, () -> CustomerPrivacy.Request.read("customers/redact",
                json("{\"customer\": {\"id\": 1}}")));
        PoisonRecordException notANumber = assertThrows(PoisonRecordException.class, () -> CustomerPrivacy.Request.read(
                "customers/redact", json("{\"customer\": {\"id\": 1}, \"orders_to_redact\": [\"x\"]}")));
        assertTrue(notANumber.getMessage().contains("not a whole number"), notANumber.getMessage());
        assertThrows(PoisonRecordException.class, () -> CustomerPrivacy.Request.read("customers/data_request",
                json("{\"customer\": {\"id\": 1}, \"orders_to_redact\": [1]}")), "a data request names orders_requested");
    }

    @Test
    void theDocumentHoldsEachOrderHeldAndSaysWhichAreNot() throws Exception {
        Map<String, String> address = new LinkedHashMap<>();
        address.put("name", "Jane Smith");
        address.put("country_code", "CA");
        ExportedOrder held = new ExportedOrder(UUID.randomUUID(), 7L, "#1007", "shipped", OffsetDateTime.parse("2026-11-01T10:00:00Z"),
                null, address, List.of(Map.of("sku", "MUG-1", "quantity", 2)), List.of(Map.of("tracking_number", "1Z")));
        CustomerPrivacy.Request request = new CustomerPrivacy.Request(2L, "jane@example.com", null, List.of(7L, 8L), 9999L);
        JsonNode document = new ObjectMapper().readTree(CustomerPrivacy.document(
                new Delivery("acme", "w-1", "customers/data_request", null), request, List.of(held)));
        assertEquals(9999, document.get("data_request_id").asInt());
        assertEquals("acme", document.get("tenant").asText());
        assertEquals("[8]", document.get("orders_not_held").toString());
        assertEquals("Jane Smith", document.get("orders").get(0).get("shipping_address").get("name").asText());
        assertEquals("MUG-1", document.get("orders").get(0).get("lines").get(0).get("sku").asText());
        assertEquals("2026-11-01T10:00:00Z", document.get("orders").get(0).get("imported_at").asText());
    }

    @Test
    void whatWasErasedIsSaidByKindWithoutTheData() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("orders", 2);
        counts.put("dead letters", 0);
        counts.put("data exports", 1);
        assertEquals("data exports 1, orders 2", CustomerPrivacy.kinds(counts));
        assertEquals("nothing", CustomerPrivacy.kinds(Map.of("orders", 0)));
    }
}
