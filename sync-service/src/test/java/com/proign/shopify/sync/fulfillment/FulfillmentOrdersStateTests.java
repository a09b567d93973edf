package com.proign.shopify.sync.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.proign.shopify.testinfra.AsyncApiContract;

import io.vertx.core.json.JsonObject;

/** Shopify's answer about an order's fulfillment orders, turned into the message the queue reads. */
class FulfillmentOrdersStateTests {

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static JsonObject order(String... fulfillmentOrders) {
        return new JsonObject("{\"id\": \"gid://shopify/Order/5000000000188\", \"fulfillmentOrders\": {\"nodes\": ["
                + String.join(",", fulfillmentOrders) + "]}}");
    }

    private static final String HELD_AT_THE_DOCK = """
            {"id": "gid://shopify/FulfillmentOrder/5000000000190", "orderId": "gid://shopify/Order/5000000000188",
             "status": "ON_HOLD", "requestStatus": "UNSUBMITTED", "fulfillAt": null,
             "assignedLocation": {"name": "Dock", "location": {"id": "gid://shopify/Location/5000000000007",
                                  "isFulfillmentService": false, "fulfillmentService": null}},
             "fulfillmentHolds": [{"reason": "HIGH_RISK_OF_FRAUD", "reasonNotes": "card declined twice", "handle": null},
                                  {"reason": "OTHER", "reasonNotes": "box damaged", "handle": "proign-warehouse"}],
             "lineItems": {"nodes": [{"totalQuantity": 3, "remainingQuantity": 2,
                                      "lineItem": {"id": "gid://shopify/LineItem/5000000000189"}}]}}""";

    private static final String AT_A_FULFILLMENT_SERVICE = """
            {"id": "gid://shopify/FulfillmentOrder/5000000000191", "orderId": "gid://shopify/Order/5000000000188",
             "status": "SCHEDULED", "fulfillAt": "2027-01-15T09:00:00Z",
             "assignedLocation": {"name": "Acme 3PL", "location": {"id": "gid://shopify/Location/9",
                 "isFulfillmentService": true, "fulfillmentService": {"serviceName": "Acme 3PL"}}},
             "fulfillmentHolds": [], "lineItems": {"nodes": []}}""";

    private static com.proign.shopify.sync.settings.TenantSettings settings(Long location, String mode, Long service) {
        var settings = new com.proign.shopify.sync.settings.TenantSettings();
        settings.fulfillmentLocationId = location;
        settings.fulfillmentMode = mode;
        settings.fulfillmentServiceLocationId = service;
        return settings;
    }

    @Test
    void anOrdersFulfillmentOrdersBecomeTheMessageTheContractDescribes() throws Exception {
        FulfillmentOrdersState state = FulfillmentOrdersState.of("demo", order(HELD_AT_THE_DOCK, AT_A_FULFILLMENT_SERVICE),
                settings(5000000000007L, "merchant_managed", null)::fulfilsAt, OffsetDateTime.parse("2026-12-02T18:45:03Z"));
        assertEquals(5000000000188L, state.shopifyOrderId());
        FulfillmentOrdersState.FulfillmentOrder held = state.fulfillmentOrders().get(0);
        assertEquals(5000000000190L, held.fulfillmentOrderId());
        // the warehouse's own hold is the queue's already: left out
        assertEquals(List.of(new FulfillmentOrdersState.Hold("HIGH_RISK_OF_FRAUD", "card declined twice", null)), held.holds());
        assertEquals(List.of(new FulfillmentOrdersState.Line(5000000000189L, 3, 2)), held.lines());
        assertTrue(held.atFulfillmentLocation());
        assertEquals("Dock", held.locationName());
        // a fulfillment service's is never the warehouse's, whatever the tenant's location; it is named by the service
        FulfillmentOrdersState.FulfillmentOrder service = state.fulfillmentOrders().get(1);
        assertFalse(service.atFulfillmentLocation());
        assertEquals("Acme 3PL", service.fulfillmentService());
        assertEquals(OffsetDateTime.parse("2027-01-15T09:00:00Z"), service.fulfillAt());
        String written = JSON.writeValueAsString(state);
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentOrdersState", written));
        assertEquals("2026-12-02T18:45:03Z", JSON.readTree(written).path("read_at").asText());

        // another location than the tenant's is not the warehouse's; with no location set, any merchant-managed one is
        assertFalse(FulfillmentOrdersState.of("demo", order(HELD_AT_THE_DOCK), settings(42L, "merchant_managed", null)::fulfilsAt,
                OffsetDateTime.now()).fulfillmentOrders().get(0).atFulfillmentLocation());
        assertTrue(FulfillmentOrdersState.of("demo", order(HELD_AT_THE_DOCK), settings(null, "merchant_managed", null)::fulfilsAt,
                OffsetDateTime.now()).fulfillmentOrders().get(0).atFulfillmentLocation());
        // the warehouse's own fulfillment service: its location is the warehouse's, in either mode; in
        // fulfillment_service mode the merchant's locations are not
        assertTrue(FulfillmentOrdersState.of("demo", order(AT_A_FULFILLMENT_SERVICE), settings(null, "merchant_managed", 9L)::fulfilsAt,
                OffsetDateTime.now()).fulfillmentOrders().get(0).atFulfillmentLocation());
        assertFalse(FulfillmentOrdersState.of("demo", order(HELD_AT_THE_DOCK), settings(null, "fulfillment_service", 9L)::fulfilsAt,
                OffsetDateTime.now()).fulfillmentOrders().get(0).atFulfillmentLocation());
        assertNull(FulfillmentOrdersState.locationOf(new JsonObject("{\"assignedLocation\": {\"location\": null}}")));
        assertNull(FulfillmentOrdersState.of("demo", null, settings(null, "merchant_managed", null)::fulfilsAt, OffsetDateTime.now()),
                "Shopify has no such order");
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentOrdersState", JSON.writeValueAsString(
                FulfillmentOrdersState.of("demo", order(), settings(null, "merchant_managed", null)::fulfilsAt, OffsetDateTime.now()))));
    }

    @Test
    void aWebhookWithoutItsFulfillmentOrderCanNeverBeRead() {
        assertEquals("gid://shopify/FulfillmentOrder/7", FulfillmentOrderConsumer.fulfillmentOrderOf("t",
                "{\"fulfillment_order\": {\"id\": \"gid://shopify/FulfillmentOrder/7\", \"status\": \"on_hold\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FulfillmentOrderConsumer.Unreadable.class, () -> FulfillmentOrderConsumer.fulfillmentOrderOf("t",
                "{\"fulfillment_order\": {}}".getBytes(StandardCharsets.UTF_8)));
        // a move names the original first, a merge its result in a list
        assertEquals("gid://shopify/FulfillmentOrder/8", FulfillmentOrderConsumer.fulfillmentOrderOf("t",
                ("{\"original_fulfillment_order\": {\"id\": \"gid://shopify/FulfillmentOrder/8\"}, "
                        + "\"moved_fulfillment_order\": {\"id\": \"gid://shopify/FulfillmentOrder/9\"}}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("gid://shopify/FulfillmentOrder/9", FulfillmentOrderConsumer.fulfillmentOrderOf("t",
                "{\"merge_intents\": [{\"fulfillment_order_id\": 8}], \"fulfillment_order_merges\": [{\"fulfillment_order\": {\"id\": \"gid://shopify/FulfillmentOrder/9\"}}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThrows(FulfillmentOrderConsumer.Unreadable.class, () -> FulfillmentOrderConsumer.fulfillmentOrderOf("t",
                "nope".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FulfillmentOrderConsumer.Unreadable.class, () -> FulfillmentOrderConsumer.fulfillmentOrderOf(null,
                "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aShipmentInFlightShipsAfterTheModeChangedAndAServiceWorksWithoutTheMerchantManagedScopes() {
        // picked at the merchant's location, shipped after the store became the warehouse's fulfillment service
        var asService = settings(null, "fulfillment_service", 9L);
        assertFalse(asService.fulfilsAt(7L, false), "new orders at the merchant's location are not the warehouse's");
        assertTrue(asService.shipsAt(7L, false), "an order already in the queue still ships from there");
        assertFalse(asService.shipsAt(8L, true), "never another app's service");
        assertTrue(settings(null, "merchant_managed", 9L).shipsAt(9L, true), "the service's own orders after going back");
        // the merchant-managed scopes are not granted: a registered service fulfils with its own scopes
        String noMerchantScopes = "[{\"feature\":\"fulfillment\",\"enabled\":false,\"missing_scopes\":"
                + "[\"write_merchant_managed_fulfillment_orders\"],\"description\":\"fulfillment back\",\"fix\":null}]";
        asService.features = noMerchantScopes;
        assertTrue(asService.fulfillmentOff().isEmpty());
        var merchant = settings(null, "merchant_managed", null);
        merchant.features = noMerchantScopes;
        assertTrue(merchant.fulfillmentOff().isPresent());
    }
}
