package com.proign.shopify.sync.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

class RequestRuleTests {

    private static JsonObject request(JsonObject destination, Object... skuQuantity) {
        io.vertx.core.json.JsonArray lines = new io.vertx.core.json.JsonArray();
        for (int i = 0; i < skuQuantity.length; i += 2) {
            lines.add(new JsonObject().put("id", "gid://shopify/FulfillmentOrderLineItem/" + (i + 1))
                    .put("sku", skuQuantity[i]).put("remainingQuantity", skuQuantity[i + 1]));
        }
        return new JsonObject().put("id", "gid://shopify/FulfillmentOrder/9").put("requestStatus", "SUBMITTED")
                .put("destination", destination).put("lineItems", new JsonObject().put("nodes", lines));
    }

    private static final JsonObject ADDRESS = new JsonObject().put("address1", "1 Main St").put("city", "Portland")
            .put("countryCode", "US").put("zip", "97201");

    @Test
    void acceptsWhenEveryLineIsInStockAndTheAddressIsComplete() {
        RequestRule.Decision decision = RequestRule.decide(request(ADDRESS, "MUG-1", 2, "CAP-1", 1, "MUG-1", 1),
                Map.of("MUG-1", 3, "CAP-1", 5));
        assertEquals("accept", decision.outcome());
    }

    @Test
    void rejectsASkuTheWarehouseDoesNotStockNamingItsLines() {
        RequestRule.Decision decision = RequestRule.decide(request(ADDRESS, "MUG-1", 1, "GHOST-1", 1), Map.of("MUG-1", 3));
        assertEquals("reject", decision.outcome());
        assertEquals("INVALID_SKU", decision.reason());
        assertEquals("The warehouse does not stock GHOST-1", decision.message());
        assertEquals(List.of("gid://shopify/FulfillmentOrderLineItem/3"), decision.lineItemIds());
    }

    @Test
    void rejectsWhatIsShortCountingASkuOnSeveralLinesTogether() {
        RequestRule.Decision decision = RequestRule.decide(request(ADDRESS, "MUG-1", 2, "MUG-1", 2), Map.of("MUG-1", 3));
        assertEquals("INVENTORY_OUT_OF_STOCK", decision.reason());
        assertEquals("Out of stock at the warehouse: MUG-1: 4 ordered, 3 in stock", decision.message());
        assertEquals(2, decision.lineItemIds().size());
    }

    @Test
    void rejectsAnIncompleteAddressBeforeLookingAtStock() {
        RequestRule.Decision decision = RequestRule.decide(request(new JsonObject().put("city", "Portland"), "MUG-1", 1), null);
        assertEquals("INCORRECT_ADDRESS", decision.reason());
        assertEquals("The shipping address has no street, country: correct it, then request fulfillment again", decision.message());
    }

    @Test
    void leavesItToTheWarehouseWhenItsStockIsNotKnown() {
        RequestRule.Decision decision = RequestRule.decide(request(ADDRESS, "MUG-1", 1), null);
        assertEquals("leave", decision.outcome());
    }
}
