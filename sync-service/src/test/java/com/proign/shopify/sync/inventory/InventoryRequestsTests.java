package com.proign.shopify.sync.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What an inventory push sends and what Shopify's answer means, without Shopify or a database. */
class InventoryRequestsTests {

    private static LevelRow row(long item, int from, int quantity, int attempts) {
        return new LevelRow("t1", item, 7, quantity, null, from, null, null, PushState.pending, UUID.randomUUID(), from,
                quantity, attempts, null, null, null);
    }

    private static JsonObject error(String code, String... field) {
        return new JsonObject().put("code", code).put("message", code.toLowerCase()).put("field", new JsonArray(List.of((Object[]) field)));
    }

    private static JsonObject payload(JsonObject... errors) {
        return new JsonObject().put("userErrors", new JsonArray(List.of((Object[]) errors)));
    }

    @Test
    void theRequestSetsEachQuantityFromWhatShopifyWasLastKnownToHave() {
        UUID key = UUID.fromString("00000000-0000-0000-0000-000000000001");
        JsonObject variables = InventoryRequests.variables(key, List.of(row(11, 3, 5, 0), row(12, 0, 9, 0)));
        assertEquals(key.toString(), variables.getString("key"));
        JsonObject input = variables.getJsonObject("input");
        assertEquals("available", input.getString("name"));
        assertEquals("proign://inventory-sync/" + key, input.getString("referenceDocumentUri"));
        assertEquals(new JsonObject().put("inventoryItemId", "gid://shopify/InventoryItem/11")
                .put("locationId", "gid://shopify/Location/7").put("quantity", 5).put("changeFromQuantity", 3),
                input.getJsonArray("quantities").getJsonObject(0));
        assertEquals(9, input.getJsonArray("quantities").getJsonObject(1).getInteger("quantity"));
    }

    @Test
    void noUserErrorIsApplied() {
        assertInstanceOf(InventoryRequests.Applied.class, InventoryRequests.outcome(payload(), List.of(row(11, 0, 1, 0))));
    }

    @Test
    void aStaleCompareQuantityOrAKeyWithOtherParametersIsReadAndSentAgain() {
        List<LevelRow> rows = List.of(row(11, 0, 1, 0));
        assertInstanceOf(InventoryRequests.Stale.class, InventoryRequests.outcome(payload(
                error("CHANGE_FROM_QUANTITY_STALE", "input", "quantities", "0", "changeFromQuantity")), rows));
        assertInstanceOf(InventoryRequests.Stale.class, InventoryRequests.outcome(payload(
                error("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")), rows));
    }

    @Test
    void anErrorNamingOneQuantityFailsThatLevelAndSendsTheOthersAgain() {
        LevelRow first = row(11, 0, 1, 0);
        LevelRow second = row(12, 0, 2, 0);
        LevelRow third = row(13, 0, 3, 0);
        InventoryRequests.Refused refused = (InventoryRequests.Refused) InventoryRequests.outcome(payload(
                error("ITEM_NOT_STOCKED_AT_LOCATION", "input", "quantities", "1", "locationId")), List.of(first, second, third));
        assertEquals(List.of(second), refused.failed());
        assertEquals(List.of(first, third), refused.others());
        assertEquals("Shopify refused the quantity: ITEM_NOT_STOCKED_AT_LOCATION: item_not_stocked_at_location", refused.why());
    }

    @Test
    void anErrorNamingNoQuantityOrEveryOneFailsThemAll() {
        List<LevelRow> rows = List.of(row(11, 0, 1, 0), row(12, 0, 2, 0));
        InventoryRequests.Refused general = (InventoryRequests.Refused) InventoryRequests.outcome(payload(
                error("INVALID_REASON", "input", "reason")), rows);
        assertEquals(rows, general.failed());
        assertEquals(List.of(), general.others());
        InventoryRequests.Refused both = (InventoryRequests.Refused) InventoryRequests.outcome(payload(
                error("INVALID_QUANTITY", "input", "quantities", "0", "quantity"),
                error("INVALID_QUANTITY", "input", "quantities", "1", "quantity")), rows);
        assertEquals(rows, both.failed());
    }

    @Test
    void shopifysAvailableQuantityIsZeroWhereTheItemIsNotStocked() {
        assertEquals(0, InventoryRequests.available(new JsonObject().putNull("inventoryItem")));
        assertEquals(0, InventoryRequests.available(new JsonObject().put("inventoryItem", new JsonObject().putNull("inventoryLevel"))));
        assertEquals(4, InventoryRequests.available(new JsonObject().put("inventoryItem", new JsonObject().put("inventoryLevel",
                new JsonObject().put("quantities", new JsonArray().add(new JsonObject().put("name", "on_hand").put("quantity", 9))
                        .add(new JsonObject().put("name", "available").put("quantity", 4)))))));
    }

    @Test
    void attemptsWaitLongerUpToFiveMinutesAndStaleAnswersGoAtOnceUntilTheyRepeat() {
        assertEquals(3, InventoryRequests.attempts(List.of(row(11, 0, 1, 2), row(12, 0, 1, 1))));
        assertEquals(Duration.ofSeconds(2), InventoryRequests.backoff(1));
        assertEquals(Duration.ofSeconds(256), InventoryRequests.backoff(8));
        assertEquals(Duration.ofSeconds(300), InventoryRequests.backoff(20));
        assertEquals(Duration.ZERO, InventoryRequests.afterStale(InventoryRequests.MAX_STALE_IN_A_ROW - 1));
        assertEquals(InventoryRequests.backoff(InventoryRequests.MAX_STALE_IN_A_ROW),
                InventoryRequests.afterStale(InventoryRequests.MAX_STALE_IN_A_ROW));
    }
}
