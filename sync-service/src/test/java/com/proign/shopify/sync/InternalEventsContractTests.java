package com.proign.shopify.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.proign.shopify.sync.fulfillment.FulfillmentRequest;
import com.proign.shopify.sync.fulfillment.FulfillmentResult;
import com.proign.shopify.sync.fulfillment.HoldRequest;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantState;
import com.proign.shopify.testinfra.AsyncApiContract;

/**
 * The sync-service against the topics' contract (docs/asyncapi.yaml), with the JSON settings of
 * application.properties: it reads every example of the messages it consumes, and what it produces is what the
 * schema says (FulfillmentSyncTest checks the results it really writes to Kafka too).
 */
class InternalEventsContractTests {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void readsEveryFulfillmentRequestExample() {
        for (String example : AsyncApiContract.examples("fulfillmentRequested")) {
            FulfillmentRequest request = FulfillmentRequest.read(JSON, example);
            assertNotNull(request.shipmentId());
            assertTrue(!request.lines().isEmpty());
            assertNotNull(request.trackingNumber());
        }
        assertThrows(IllegalArgumentException.class, () -> FulfillmentRequest.read(JSON,
                "{\"tenant\":\"t\",\"shipment_id\":\"0b8a4d4e-5c1f-4b47-9c27-0e3b8c1d2f10\",\"shopify_order_id\":1,\"lines\":[]}"));
        assertThrows(IllegalArgumentException.class, () -> FulfillmentRequest.read(JSON,
                "{\"tenant\":\"t\",\"shipment_id\":\"0b8a4d4e-5c1f-4b47-9c27-0e3b8c1d2f10\",\"shopify_order_id\":1,"
                        + "\"lines\":[{\"shopify_line_item_id\":2,\"quantity\":0}]}"));
    }

    @Test
    void readsEveryTenantStateExample() {
        for (String example : AsyncApiContract.examples("tenantState")) {
            TenantSettings settings = new TenantSettings();
            TenantState.read(JSON, example).applyTo(settings);
            assertNotNull(settings.tenant);
            assertNotNull(settings.connectionStatus);
            assertNotNull(settings.features);
        }
        assertThrows(IllegalArgumentException.class, () -> TenantState.read(JSON, "{\"version\":1}"));
    }

    @Test
    void readsEveryHoldRequestExample() {
        for (String example : AsyncApiContract.examples("holdRequested")) {
            HoldRequest request = HoldRequest.read(JSON, example);
            assertNotNull(request.shopifyOrderId());
            assertNotNull(request.requestedAt());
        }
        assertTrue(HoldRequest.read(JSON, AsyncApiContract.examples("holdRequested").get(0)).hold());
        assertThrows(IllegalArgumentException.class, () -> HoldRequest.read(JSON,
                "{\"tenant\":\"t\",\"shopify_order_id\":1,\"action\":\"pause\"}"));
        assertThrows(IllegalArgumentException.class, () -> HoldRequest.read(JSON, "[]"));
    }

    @Test
    void readsEveryRequestDecisionExample() {
        for (String example : AsyncApiContract.examples("requestDecided")) {
            com.proign.shopify.sync.fulfillment.RequestDecision decision = com.proign.shopify.sync.fulfillment.RequestDecision.read(JSON, example);
            assertNotNull(decision.shopifyOrderId());
            assertNotNull(decision.decidedAt());
        }
        assertEquals("INVALID_SKU", com.proign.shopify.sync.fulfillment.RequestDecision.read(JSON,
                AsyncApiContract.examples("requestDecided").get(0)).reason());
        assertThrows(IllegalArgumentException.class, () -> com.proign.shopify.sync.fulfillment.RequestDecision.read(JSON,
                "{\"tenant\":\"t\",\"shopify_order_id\":1,\"kind\":\"fulfillment\",\"decision\":\"reject\",\"reason\":\"SOLD_OUT\"}"));
        assertThrows(IllegalArgumentException.class, () -> com.proign.shopify.sync.fulfillment.RequestDecision.read(JSON,
                "{\"tenant\":\"t\",\"shopify_order_id\":1,\"kind\":\"refund\",\"decision\":\"accept\"}"));
    }

    @Test
    void aFulfillmentResultIsWhatTheSchemaSays() throws Exception {
        UUID shipment = UUID.randomUUID();
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentResult",
                JSON.writeValueAsString(new FulfillmentResult("demo", shipment, "synced", null, 5000000000195L))));
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentResult",
                JSON.writeValueAsString(new FulfillmentResult("demo", shipment, "failed", "Shopify has no order 1", null))));
    }
}
