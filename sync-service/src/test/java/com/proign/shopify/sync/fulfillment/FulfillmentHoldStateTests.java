package com.proign.shopify.sync.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Shopify's answer about a fulfillment order's holds, turned into the holds message the queue reads. */
class FulfillmentHoldStateTests {

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void aHeldFulfillmentOrderBecomesTheMessageTheContractDescribes() throws Exception {
        JsonObject answer = new JsonObject("""
                {"id": "gid://shopify/FulfillmentOrder/5000000000190", "orderId": "gid://shopify/Order/5000000000188",
                 "status": "ON_HOLD", "assignedLocation": {"location": {"id": "gid://shopify/Location/5000000000007"}},
                 "fulfillmentHolds": [{"reason": "HIGH_RISK_OF_FRAUD", "reasonNotes": "card declined twice", "handle": null}]}""");
        FulfillmentHoldState state = FulfillmentHoldState.of("demo", answer, OffsetDateTime.parse("2026-12-02T18:45:03Z"));
        assertEquals(5000000000188L, state.shopifyOrderId());
        assertEquals(5000000000190L, state.fulfillmentOrderId());
        assertEquals(List.of(new FulfillmentHoldState.Hold("HIGH_RISK_OF_FRAUD", "card declined twice", null)), state.holds());
        assertEquals(5000000000007L, FulfillmentHoldState.locationOf(answer));
        String written = JSON.writeValueAsString(state);
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentHoldState", written));
        assertEquals("2026-12-02T18:45:03Z", JSON.readTree(written).path("read_at").asText());

        FulfillmentHoldState released = FulfillmentHoldState.of("demo", new JsonObject("""
                {"id": "gid://shopify/FulfillmentOrder/1", "orderId": "gid://shopify/Order/2", "status": "OPEN",
                 "assignedLocation": {"location": null}, "fulfillmentHolds": []}"""), OffsetDateTime.now());
        assertEquals(List.of(), released.holds());
        assertNull(FulfillmentHoldState.locationOf(new JsonObject("{\"assignedLocation\": {\"location\": null}}")));
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentHoldState", JSON.writeValueAsString(released)));
        assertNull(FulfillmentHoldState.of("demo", null, OffsetDateTime.now()), "Shopify has no such fulfillment order");

        // the warehouse's own hold is the queue's already: left out
        FulfillmentHoldState ours = FulfillmentHoldState.of("demo", new JsonObject("""
                {"id": "gid://shopify/FulfillmentOrder/1", "orderId": "gid://shopify/Order/2", "status": "ON_HOLD",
                 "fulfillmentHolds": [{"reason": "OTHER", "reasonNotes": "box damaged", "handle": "proign-warehouse"},
                                      {"reason": "AWAITING_PAYMENT", "reasonNotes": null, "handle": ""}]}"""), OffsetDateTime.now());
        assertEquals(List.of(new FulfillmentHoldState.Hold("AWAITING_PAYMENT", null, "")), ours.holds());
    }

    @Test
    void aWebhookWithoutItsFulfillmentOrderCanNeverBeRead() {
        assertEquals("gid://shopify/FulfillmentOrder/7", FulfillmentHoldConsumer.fulfillmentOrderOf("t",
                "{\"fulfillment_order\": {\"id\": \"gid://shopify/FulfillmentOrder/7\", \"status\": \"on_hold\"}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FulfillmentHoldConsumer.Unreadable.class, () -> FulfillmentHoldConsumer.fulfillmentOrderOf("t",
                "{\"fulfillment_order\": {}}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FulfillmentHoldConsumer.Unreadable.class, () -> FulfillmentHoldConsumer.fulfillmentOrderOf("t",
                "nope".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FulfillmentHoldConsumer.Unreadable.class, () -> FulfillmentHoldConsumer.fulfillmentOrderOf(null,
                "{}".getBytes(StandardCharsets.UTF_8)));
    }
}
