package com.proign.shopify.orders.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.proign.shopify.orders.FulfillmentRequested;
import com.proign.shopify.orders.Order;
import com.proign.shopify.orders.Shipment;
import com.proign.shopify.orders.service.PoisonRecordException;
import com.proign.shopify.testinfra.AsyncApiContract;

/**
 * order-service against the topics' contract (docs/asyncapi.yaml), with the JSON settings of application.properties:
 * it reads every example of the messages it consumes, and what it produces is what the schema says (QueueTest checks
 * the records it really writes to Kafka too).
 */
class InternalEventsContractTests {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void readsEveryTenantStateExample() {
        for (String example : AsyncApiContract.examples("tenantState")) {
            TenantState state = TenantState.read(JSON, example);
            assertNotNull(state.tenant());
            assertNotNull(state.version());
            assertNotNull(state.orderStatusFilter());
        }
        assertThrows(PoisonRecordException.class, () -> TenantState.read(JSON, "{\"tenant\":\"t\",\"version\":1,\"order_status_filter\":\"some\"}"));
        assertThrows(PoisonRecordException.class, () -> TenantState.read(JSON, "not json"));
    }

    @Test
    void readsEveryFulfillmentResultExample() {
        for (String example : AsyncApiContract.examples("fulfillmentResult")) {
            FulfillmentResult result = FulfillmentResult.read(JSON, example);
            assertNotNull(result.shipmentId());
            assertNotNull(result.status());
        }
        assertThrows(PoisonRecordException.class, () -> FulfillmentResult.read(JSON,
                "{\"tenant\":\"t\",\"shipment_id\":\"0b8a4d4e-5c1f-4b47-9c27-0e3b8c1d2f10\",\"status\":\"pending\"}"));
        assertThrows(PoisonRecordException.class, () -> FulfillmentResult.read(JSON,
                "{\"tenant\":\"t\",\"shipment_id\":\"not-a-uuid\",\"status\":\"synced\"}"));
    }

    @Test
    void readsEveryFulfillmentOrdersStateExampleAndTheShapeBeforeIt() {
        for (String example : AsyncApiContract.examples("fulfillmentOrdersState")) {
            var state = FulfillmentOrderConsumer.read(JSON, example);
            assertNotNull(state.readAt());
            state.fulfillmentOrders().forEach(fo -> assertEquals(fo.held(), fo.here() && "ON_HOLD".equals(fo.status())));
        }
        var first = FulfillmentOrderConsumer.read(JSON, AsyncApiContract.examples("fulfillmentOrdersState").get(0));
        assertEquals("high risk of fraud: card declined twice", first.fulfillmentOrders().get(0).reasons());
        assertEquals("Acme 3PL (a fulfillment service)", first.fulfillmentOrders().get(1).where());
        // a message of the shape before (one fulfillment order, always the fulfillment location's) is still read
        var before = FulfillmentOrderConsumer.read(JSON, "{\"tenant\":\"t\",\"shopify_order_id\":1,\"fulfillment_order_id\":2,"
                + "\"status\":\"ON_HOLD\",\"holds\":[{\"reason\":\"AWAITING_PAYMENT\"}],\"read_at\":\"2026-12-02T18:45:03Z\"}");
        assertEquals(1, before.fulfillmentOrders().size());
        assertEquals(true, before.fulfillmentOrders().get(0).held());
        assertEquals("awaiting payment", before.fulfillmentOrders().get(0).reasons());
        assertThrows(PoisonRecordException.class, () -> FulfillmentOrderConsumer.read(JSON, "{\"tenant\":\"t\",\"status\":\"OPEN\"}"));
        assertThrows(PoisonRecordException.class, () -> FulfillmentOrderConsumer.read(JSON, "not json"));
        assertThrows(PoisonRecordException.class, () -> FulfillmentOrderConsumer.read(JSON, "{\"tenant\":\"t\",\"shopify_order_id\":1,"
                + "\"read_at\":\"2026-12-02T18:45:03Z\",\"fulfillment_orders\":[{\"status\":\"OPEN\"}]}"));
    }

    @Test
    void aFulfillmentRequestIsWhatTheSchemaSays() throws Exception {
        Order order = new Order();
        order.tenant = "demo";
        order.id = UUID.randomUUID();
        order.shopifyOrderId = 5000000000188L;
        order.shopifyOrderNumber = "#1051";
        Shipment shipment = new Shipment();
        shipment.id = UUID.randomUUID();
        shipment.lines = List.of(new Shipment.Line(5000000000186L, 3));
        // untracked: company, number and url are null
        String written = JSON.writeValueAsString(FulfillmentRequested.of(order, shipment, OffsetDateTime.parse("2026-12-02T18:45:00Z")));
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentRequested", written));
        assertEquals("2026-12-02T18:45:00Z", JSON.readTree(written).path("shipped_at").asText());
        shipment.carrier = "UPS";
        shipment.trackingNumber = "1Z999AA10123456784";
        shipment.trackingUrl = "https://www.ups.com/track?tracknum=1Z999AA10123456784";
        assertEquals(List.of(), AsyncApiContract.violations("fulfillmentRequested",
                JSON.writeValueAsString(FulfillmentRequested.of(order, shipment, OffsetDateTime.now()))));
    }
}
