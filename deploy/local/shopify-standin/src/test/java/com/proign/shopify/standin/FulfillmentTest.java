package com.proign.shopify.standin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.proign.shopify.standin.StandIn.TestStore;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class FulfillmentTest {

    private static final String FULFILLMENT_ORDERS = "query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { "
            + "id status assignedLocation { name location { id } } supportedActions { action } "
            + "lineItems(first: 10) { nodes { id remainingQuantity totalQuantity sku } } } } } }";
    private static final String CREATE = "mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { "
            + "fulfillment { id name status trackingInfo { company number url } } userErrors { field message } } }";

    /** A store with two warehouses and an order whose shippable lines are split over both. */
    private static JsonPath splitOrder(TestStore store) {
        for (String name : List.of("East", "West")) {
            given().contentType(ContentType.JSON).body(Map.of("name", name))
                    .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        }
        for (int seed = 1; seed < 50; seed++) {
            String gid = given().contentType(ContentType.JSON).body(Map.of("seed", seed, "split_locations", true))
                    .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201)
                    .extract().path("admin_graphql_api_id");
            JsonPath fos = StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", gid)).statusCode(200)
                    .extract().jsonPath();
            if (fos.getList("data.order.fulfillmentOrders.nodes").size() == 2
                    && fos.getInt("data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].totalQuantity") >= 2) {
                return fos;
            }
        }
        throw new AssertionError("no seed gave a split order");
    }

    private static Map<String, Object> group(String foId, String lineId, int quantity) {
        return Map.of("fulfillmentOrderId", foId, "fulfillmentOrderLineItems", List.of(Map.of("id", lineId, "quantity", quantity)));
    }

    private static final String HOLD = "mutation($id: ID!, $h: FulfillmentOrderHoldInput!) { fulfillmentOrderHold(id: $id, "
            + "fulfillmentHold: $h) { fulfillmentHold { id reason reasonNotes handle } fulfillmentOrder { id status "
            + "supportedActions { action } fulfillmentHolds { id reason handle } } userErrors { field message code } } }";
    private static final String RELEASE = "mutation($id: ID!, $ids: [ID!]) { fulfillmentOrderReleaseHold(id: $id, holdIds: $ids) { "
            + "fulfillmentOrder { id status fulfillmentHolds { id } } userErrors { field message code } } }";

    private static final String MOVE = "mutation($id: ID!, $to: ID!, $lines: [FulfillmentOrderLineItemInput!]) { "
            + "fulfillmentOrderMove(id: $id, newLocationId: $to, fulfillmentOrderLineItems: $lines) { "
            + "movedFulfillmentOrder { id status assignedLocation { location { id isFulfillmentService fulfillmentService { serviceName } } } "
            + "lineItems(first: 5) { nodes { totalQuantity remainingQuantity } } } "
            + "originalFulfillmentOrder { id status lineItems(first: 5) { nodes { totalQuantity remainingQuantity } } } "
            + "userErrors { field message } } }";
    private static final String SPLIT = "mutation($s: [FulfillmentOrderSplitInput!]!) { fulfillmentOrderSplit(fulfillmentOrderSplits: $s) { "
            + "fulfillmentOrderSplits { fulfillmentOrder { id } remainingFulfillmentOrder { id lineItems(first: 5) { nodes { totalQuantity } } } } "
            + "userErrors { field message } } }";
    private static final String MERGE = "mutation($m: [FulfillmentOrderMergeInput!]!) { fulfillmentOrderMerge(fulfillmentOrderMergeInputs: $m) { "
            + "fulfillmentOrderMerges { fulfillmentOrder { id status lineItems(first: 5) { nodes { totalQuantity } } } } "
            + "userErrors { field message } } }";
    private static final String RESCHEDULE = "mutation($id: ID!, $at: DateTime!) { fulfillmentOrderReschedule(id: $id, fulfillAt: $at) { "
            + "fulfillmentOrder { id status fulfillAt supportedActions { action } } userErrors { field message } } }";

    @Test
    void fulfillmentOrdersAreMovedSplitMergedAndRescheduledAndAFulfillmentServicesOnesAreNotOursToFulfil() {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "Dock"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        String service = given().contentType(ContentType.JSON).body(Map.of("name", "Acme 3PL",
                "fulfillment_service", Map.of("handle", "acme-3pl", "service_name", "Acme 3PL")))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201).extract().path("admin_graphql_api_id");
        String gid = null;
        JsonPath fos = null;
        for (int seed = 1; seed < 60 && fos == null; seed++) {
            gid = given().contentType(ContentType.JSON).body(Map.of("seed", seed, "shippable", true))
                    .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().path("admin_graphql_api_id");
            JsonPath read = StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", gid)).extract().jsonPath();
            if (read.getInt("data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].totalQuantity") >= 3) {
                fos = read;
            }
        }
        assertTrue(fos != null, "no seed gave a line of three or more");
        String fo = fos.getString("data.order.fulfillmentOrders.nodes[0].id");
        String line = fos.getString("data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].id");
        int quantity = fos.getInt("data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].totalQuantity");

        // split one unit off at the same location, then merge it back
        String split = StandIn.graphql(store.token(), SPLIT, Map.of("s", List.of(Map.of("fulfillmentOrderId", fo,
                "fulfillmentOrderLineItems", List.of(Map.of("id", line, "quantity", 1))))))
                .body("data.fulfillmentOrderSplit.userErrors", hasSize(0))
                .body("data.fulfillmentOrderSplit.fulfillmentOrderSplits[0].remainingFulfillmentOrder.lineItems.nodes[0].totalQuantity", equalTo(1))
                .extract().path("data.fulfillmentOrderSplit.fulfillmentOrderSplits[0].remainingFulfillmentOrder.id");
        StandIn.graphql(store.token(), MERGE, Map.of("m", List.of(Map.of("mergeIntents", List.of(
                Map.of("fulfillmentOrderId", fo), Map.of("fulfillmentOrderId", split))))))
                .body("data.fulfillmentOrderMerge.userErrors", hasSize(0))
                .body("data.fulfillmentOrderMerge.fulfillmentOrderMerges[0].fulfillmentOrder.id", equalTo(fo))
                .body("data.fulfillmentOrderMerge.fulfillmentOrderMerges[0].fulfillmentOrder.lineItems.nodes[0].totalQuantity",
                        equalTo(quantity));

        // two units move to the fulfillment service's location: a new fulfillment order there, the rest stays
        String moved = StandIn.graphql(store.token(), MOVE, Map.of("id", fo, "to", service,
                "lines", List.of(Map.of("id", line, "quantity", 2))))
                .body("data.fulfillmentOrderMove.userErrors", hasSize(0))
                .body("data.fulfillmentOrderMove.movedFulfillmentOrder.assignedLocation.location.isFulfillmentService", equalTo(true))
                .body("data.fulfillmentOrderMove.movedFulfillmentOrder.assignedLocation.location.fulfillmentService.serviceName",
                        equalTo("Acme 3PL"))
                .body("data.fulfillmentOrderMove.movedFulfillmentOrder.lineItems.nodes[0].totalQuantity", equalTo(2))
                .body("data.fulfillmentOrderMove.originalFulfillmentOrder.id", equalTo(fo))
                .body("data.fulfillmentOrderMove.originalFulfillmentOrder.lineItems.nodes[0].totalQuantity", equalTo(quantity - 2))
                .extract().path("data.fulfillmentOrderMove.movedFulfillmentOrder.id");
        // since 2024-10 an order-management app cannot fulfil what a fulfillment service was assigned
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", moved)))))
                .body("data.fulfillmentCreate.fulfillment", equalTo(null))
                .body("data.fulfillmentCreate.userErrors[0].message", containsString("only that fulfillment service can fulfill it"));

        // a scheduled order (a subscription's next delivery) is rescheduled, then its date comes
        String later = given().contentType(ContentType.JSON).body(Map.of("shippable", true, "fulfill_at", "2027-01-15T09:00:00Z"))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().path("admin_graphql_api_id");
        String scheduled = StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", later))
                .body("data.order.fulfillmentOrders.nodes[0].status", equalTo("SCHEDULED"))
                .extract().path("data.order.fulfillmentOrders.nodes[0].id");
        StandIn.graphql(store.token(), RESCHEDULE, Map.of("id", scheduled, "at", "2027-02-01T09:00:00Z"))
                .body("data.fulfillmentOrderReschedule.userErrors", hasSize(0))
                .body("data.fulfillmentOrderReschedule.fulfillmentOrder.fulfillAt", equalTo("2027-02-01T09:00Z"))
                .body("data.fulfillmentOrderReschedule.fulfillmentOrder.supportedActions.action", hasItem("MARK_AS_OPEN"));
        long laterId = Long.parseLong(later.substring(later.lastIndexOf('/') + 1));
        given().contentType(ContentType.JSON).body(Map.of("open", true))
                .post("/_sim/stores/" + store.domain() + "/orders/" + laterId + "/reschedule").then().statusCode(200);
        StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", later))
                .body("data.order.fulfillmentOrders.nodes[0].status", equalTo("OPEN"));

        // what changed lately, whatever its order: the fulfillment orders updated since, oldest first, closed ones too
        String since = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1).toString();
        JsonPath changed = StandIn.graphql(store.token(), "query($q: String) { fulfillmentOrders(first: 50, includeClosed: true, "
                + "sortKey: UPDATED_AT, query: $q) { nodes { id orderId status updatedAt } } }", Map.of("q", "updated_at:>='" + since + "'"))
                .extract().jsonPath();
        List<String> ids = changed.getList("data.fulfillmentOrders.nodes.id");
        assertTrue(ids != null && ids.containsAll(List.of(fo, moved, scheduled)), changed.prettify());
        StandIn.graphql(store.token(), "query($q: String) { fulfillmentOrders(first: 50, query: $q) { nodes { id } } }",
                Map.of("q", "updated_at:<'" + since + "'")).body("data.fulfillmentOrders.nodes", hasSize(0));
    }

    @Test
    void aHeldFulfillmentOrderCannotBeFulfilledUntilItsHoldsAreReleased() {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "Dock"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        String gid = given().contentType(ContentType.JSON).body(Map.of("shippable", true))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().path("admin_graphql_api_id");
        long orderId = Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
        String fo = StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", gid)).extract().jsonPath()
                .getString("data.order.fulfillmentOrders.nodes[0].id");

        // the warehouse's hold, by its handle; the same handle twice is refused
        Map<String, Object> ours = Map.of("reason", "INVENTORY_OUT_OF_STOCK", "reasonNotes", "bin empty", "handle", "proign-warehouse");
        String hold = StandIn.graphql(store.token(), HOLD, Map.of("id", fo, "h", ours))
                .body("data.fulfillmentOrderHold.userErrors", hasSize(0))
                .body("data.fulfillmentOrderHold.fulfillmentOrder.status", equalTo("ON_HOLD"))
                .body("data.fulfillmentOrderHold.fulfillmentOrder.supportedActions.action", hasItem("RELEASE_HOLD"))
                .body("data.fulfillmentOrderHold.fulfillmentHold.handle", equalTo("proign-warehouse"))
                .extract().path("data.fulfillmentOrderHold.fulfillmentHold.id");
        StandIn.graphql(store.token(), HOLD, Map.of("id", fo, "h", ours))
                .body("data.fulfillmentOrderHold.userErrors[0].code", equalTo("DUPLICATE_FULFILLMENT_HOLD_HANDLE"));
        // the merchant holds it too (the admin): two holds
        given().contentType(ContentType.JSON).body(Map.of("reason", "HIGH_RISK_OF_FRAUD"))
                .post("/_sim/stores/" + store.domain() + "/orders/" + orderId + "/hold").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("reason", "BECAUSE"))
                .post("/_sim/stores/" + store.domain() + "/orders/" + orderId + "/hold").then().statusCode(400);
        StandIn.graphql(store.token(), "query($id: ID!) { fulfillmentOrder(id: $id) { status fulfillmentHolds { reason handle } } }",
                Map.of("id", fo))
                .body("data.fulfillmentOrder.fulfillmentHolds.reason", equalTo(List.of("INVENTORY_OUT_OF_STOCK", "HIGH_RISK_OF_FRAUD")));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo)))))
                .body("data.fulfillmentCreate.userErrors[0].message", containsString("unfulfillable status= on_hold"));

        // releasing ours leaves the merchant's: still held; the merchant releases theirs: open, and it can ship
        StandIn.graphql(store.token(), RELEASE, Map.of("id", fo, "ids", List.of(hold)))
                .body("data.fulfillmentOrderReleaseHold.userErrors", hasSize(0))
                .body("data.fulfillmentOrderReleaseHold.fulfillmentOrder.status", equalTo("ON_HOLD"))
                .body("data.fulfillmentOrderReleaseHold.fulfillmentOrder.fulfillmentHolds", hasSize(1));
        given().post("/_sim/stores/" + store.domain() + "/orders/" + orderId + "/release-hold").then().statusCode(200);
        StandIn.graphql(store.token(), RELEASE, Map.of("id", fo))
                .body("data.fulfillmentOrderReleaseHold.userErrors[0].message", equalTo("The fulfillment order is not on hold."));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo)))))
                .body("data.fulfillmentCreate.userErrors", hasSize(0));
        // a fulfillment order with nothing left cannot be held
        StandIn.graphql(store.token(), HOLD, Map.of("id", fo, "h", ours))
                .body("data.fulfillmentOrderHold.userErrors[0].message", equalTo("The fulfillment order is not in a holdable state."));
    }

    @Test
    void fulfilsOnlyWhatRemainsAtOneLocationAndTracksIt() {
        TestStore store = StandIn.store(Map.of());
        JsonPath order = splitOrder(store);
        String east = order.getString("data.order.fulfillmentOrders.nodes[0].id");
        String west = order.getString("data.order.fulfillmentOrders.nodes[1].id");
        assertEquals("East", order.getString("data.order.fulfillmentOrders.nodes[0].assignedLocation.name"));
        assertEquals("West", order.getString("data.order.fulfillmentOrders.nodes[1].assignedLocation.name"));
        assertTrue(order.getList("data.order.fulfillmentOrders.nodes[0].supportedActions.action").contains("CREATE_FULFILLMENT"));
        String line = order.getString("data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].id");
        int total = order.getInt("data.order.fulfillmentOrders.nodes[0].lineItems.nodes[0].totalQuantity");
        String westLine = order.getString("data.order.fulfillmentOrders.nodes[1].lineItems.nodes[0].id");

        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder",
                List.of(group(east, line, total + 1)))))
                .body("data.fulfillmentCreate.fulfillment", org.hamcrest.Matchers.nullValue())
                .body("data.fulfillmentCreate.userErrors[0].message", equalTo("Invalid fulfillment order line item quantity requested."));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder",
                List.of(group(east, line, 1), group(west, westLine, 1)))))
                .body("data.fulfillmentCreate.userErrors[0].message", equalTo("All fulfillment orders must be assigned to the same location."));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder",
                List.of(group("gid://shopify/FulfillmentOrder/1", line, 1)))))
                .body("data.fulfillmentCreate.userErrors[0].message", equalTo("Fulfillment order does not exist."));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder",
                List.of(group(east, westLine, 1)))))
                .body("data.fulfillmentCreate.userErrors[0].message", equalTo("Fulfillment order line item does not exist."));

        String fulfillment = StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of(
                "lineItemsByFulfillmentOrder", List.of(group(east, line, 1)),
                "notifyCustomer", true,
                "trackingInfo", Map.of("company", "UPS", "number", "1Z999AA10123456784"))))
                .body("data.fulfillmentCreate.userErrors", hasSize(0))
                .body("data.fulfillmentCreate.fulfillment.status", equalTo("SUCCESS"))
                .body("data.fulfillmentCreate.fulfillment.trackingInfo[0].url", containsString("1Z999AA10123456784"))
                .extract().path("data.fulfillmentCreate.fulfillment.id");

        String orderId = order.getString("data.order.fulfillmentOrders.nodes[0].id");
        JsonPath after = StandIn.graphql(store.token(), "query($id: ID!) { fulfillmentOrder(id: $id) { status "
                + "lineItems(first: 10) { nodes { remainingQuantity } } } }", Map.of("id", orderId)).extract().jsonPath();
        assertEquals("IN_PROGRESS", after.getString("data.fulfillmentOrder.status"));
        assertEquals(total - 1, after.getInt("data.fulfillmentOrder.lineItems.nodes[0].remainingQuantity"));

        StandIn.graphql(store.token(), "mutation($id: ID!, $t: FulfillmentTrackingInput!) { fulfillmentTrackingInfoUpdate("
                + "fulfillmentId: $id, trackingInfoInput: $t, notifyCustomer: false) { fulfillment { trackingInfo { number url } } "
                + "userErrors { message } } }",
                Map.of("id", fulfillment, "t", Map.of("company", "Acme Freight", "number", "AF-1", "url", "https://track.example/AF-1")))
                .body("data.fulfillmentTrackingInfoUpdate.userErrors", hasSize(0))
                .body("data.fulfillmentTrackingInfoUpdate.fulfillment.trackingInfo[0].number", equalTo("AF-1"));
        StandIn.graphql(store.token(), "mutation { fulfillmentTrackingInfoUpdate(fulfillmentId: \"gid://shopify/Fulfillment/1\", "
                + "trackingInfoInput: {number: \"x\"}) { userErrors { message } } }")
                .body("data.fulfillmentTrackingInfoUpdate.userErrors[0].message", equalTo("Fulfillment does not exist."));

        long legacyId = Long.parseLong(orderIdOf(store, fulfillment));
        given().get("/_sim/stores/" + store.domain() + "/orders/" + legacyId + "/fulfillments").then().statusCode(200)
                .body("fulfillments", hasSize(1))
                .body("fulfillments[0].tracking_number", equalTo("AF-1"))
                .body("fulfillments[0].tracking_company", equalTo("Acme Freight"));
        given().get("/_sim/stores/" + store.domain() + "/orders/" + legacyId).then()
                .body("fulfillment_status", equalTo("partial"));

        // omitting the lines fulfils everything left on the fulfillment order, which then closes
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder",
                List.of(Map.of("fulfillmentOrderId", east)))))
                .body("data.fulfillmentCreate.userErrors", hasSize(0));
        StandIn.graphql(store.token(), "query($id: ID!) { fulfillmentOrder(id: $id) { status supportedActions { action } } }",
                Map.of("id", east))
                .body("data.fulfillmentOrder.status", equalTo("CLOSED"))
                .body("data.fulfillmentOrder.supportedActions", hasSize(0));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder",
                List.of(Map.of("fulfillmentOrderId", east)))))
                .body("data.fulfillmentCreate.userErrors[0].message", containsString("unfulfillable status= closed"));
    }

    private static String orderIdOf(TestStore store, String fulfillmentGid) {
        return StandIn.graphql(store.token(), "{ orders(first: 50) { nodes { legacyResourceId fulfillments(first: 5) { id } } } }")
                .extract().jsonPath().getList("data.orders.nodes", Map.class).stream()
                .filter(o -> ((List<?>) o.get("fulfillments")).stream().anyMatch(f -> ((Map<?, ?>) f).get("id").equals(fulfillmentGid)))
                .map(o -> (String) o.get("legacyResourceId")).findFirst().orElseThrow();
    }

    @Test
    void aCancelledOrderCannotBeFulfilledAndWritesNeedTheScope() {
        TestStore store = StandIn.store(Map.of());
        given().contentType(ContentType.JSON).body(Map.of("name", "Main"))
                .post("/_sim/stores/" + store.domain() + "/locations").then().statusCode(201);
        var created = given().contentType(ContentType.JSON).body(Map.of("seed", 5))
                .post("/_sim/stores/" + store.domain() + "/orders").then().statusCode(201).extract().jsonPath();
        String gid = created.getString("admin_graphql_api_id");
        String fo = StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", gid)).extract()
                .path("data.order.fulfillmentOrders.nodes[0].id");

        String readOnly = StandIn.token(store, List.of("read_orders", "read_merchant_managed_fulfillment_orders"));
        StandIn.graphql(readOnly, CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo)))))
                .body("errors[0].extensions.code", equalTo("ACCESS_DENIED"));

        given().contentType(ContentType.JSON).body(Map.of("reason", "customer"))
                .post("/_sim/stores/" + store.domain() + "/orders/" + created.getLong("id") + "/cancel").then().statusCode(200);
        StandIn.graphql(store.token(), FULFILLMENT_ORDERS, Map.of("id", gid))
                .body("data.order.fulfillmentOrders.nodes.status", hasItem("CANCELLED"));
        StandIn.graphql(store.token(), CREATE, Map.of("f", Map.of("lineItemsByFulfillmentOrder", List.of(Map.of("fulfillmentOrderId", fo)))))
                .body("data.fulfillmentCreate.userErrors[0].message", containsString("unfulfillable status= cancelled"));
    }
}
