package com.proign.shopify.orders.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.FulfillmentOrdersState;
import com.proign.shopify.orders.repository.FulfillmentOrderRepository;
import com.proign.shopify.orders.service.ShopifyFulfillmentOrders;
import com.proign.shopify.orders.support.OrderEvents;
import com.proign.shopify.orders.support.OrderServiceTest;
import com.proign.shopify.testinfra.TestTokens;

import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * An order imported while its fulfillment orders are being recorded: whichever transaction commits first, the other
 * sees it (the two take the order's lock), so the merchant's request reaches the order, whether the merchant asked
 * already (SUBMITTED) or the order only waits for that at the service (UNSUBMITTED).
 */
@OrderServiceTest
class ImportMeetsFulfillmentOrdersTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    FulfillmentOrderRepository repository;

    @Inject
    ShopifyFulfillmentOrders assignments;

    @ParameterizedTest
    @ValueSource(strings = { "SUBMITTED", "UNSUBMITTED" })
    void anOrderImportedWhileItsRequestIsBeingRecordedIsRequested(String requestStatus) {
        String tenant = "meet-" + Long.toString(System.nanoTime(), 36);
        OffsetDateTime readAt = OffsetDateTime.now(ZoneOffset.UTC);
        FulfillmentOrdersState state = FulfillmentOrderConsumer.read(json, "{\"tenant\":\"" + tenant + "\",\"shopify_order_id\":860,"
                + "\"read_at\":\"" + readAt + "\",\"fulfillment_orders\":[{\"fulfillment_order_id\":9860,\"status\":\"OPEN\","
                + "\"request_status\":\"" + requestStatus + "\",\"location_id\":8,\"location_name\":\"PROIGN Warehouse\","
                + "\"fulfillment_service\":\"PROIGN Warehouse\",\"at_fulfillment_location\":true,\"fulfill_at\":null,\"holds\":[],"
                + "\"lines\":[{\"line_item_id\":1071823193,\"total_quantity\":1,\"remaining_quantity\":1}]}]}");
        try (KafkaCompanion kafka = new KafkaCompanion(bootstrap)) {
            OrderEvents.settings(kafka, tenant, 1, "any");
            SqlConnection c = pool.getConnection().await().indefinitely();
            try {
                // the recording of the order's fulfillment orders, as ShopifyFulfillmentOrders.apply does it, held
                // open after finding no order to apply them to
                Transaction tx = c.begin().await().indefinitely();
                repository.lockOrders(c, List.of(tenant), List.of(860L)).await().indefinitely();
                repository.record(c, state).await().indefinitely();
                assertFalse(assignments.assign(c, tenant, 860, readAt).await().indefinitely(), "no order yet");
                OrderEvents.publish(kafka, tenant, "orders/create", 860, OrderEvents.order(860, "2026-11-02T09:00:00Z", "paid", null));
                // the import now waits for that transaction; without the lock it would commit without seeing the state
                await().atMost(Duration.ofSeconds(30)).until(() -> waitingForALock() || imported(tenant));
                tx.commit().await().indefinitely();
            } finally {
                c.close().await().indefinitely();
            }
        }
        String token = TestTokens.user(tenant, "member");
        await().atMost(Duration.ofSeconds(30)).until(() -> JsonPath.from(given().auth().oauth2(token)
                .queryParam("shopify_order_id", 860).get("/api/" + tenant + "/orders").asString()),
                page -> "requested".equals(page.getString("orders[0].status")));
    }

    private boolean waitingForALock() {
        return pool.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").execute()
                .await().indefinitely().iterator().next().getLong(0) > 0;
    }

    private boolean imported(String tenant) {
        return pool.preparedQuery("SELECT count(*) FROM shop_order WHERE tenant = $1 AND shopify_order_id = 860")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0) > 0;
    }
}
