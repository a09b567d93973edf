package com.proign.shopify.sync.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** What is left to fulfil of a pulled line, from the fields that are not deprecated. */
class OrderPayloadsTests {

    private static int fulfillable(int quantity, int current, int unfulfilled) {
        return OrderPayloads.fulfillable(new JsonObject().put("quantity", quantity).put("currentQuantity", current)
                .put("unfulfilledQuantity", unfulfilled));
    }

    @Test
    void whatIsNeitherFulfilledNorRefunded() {
        assertEquals(3, fulfillable(3, 3, 3), "nothing done yet");
        assertEquals(2, fulfillable(3, 3, 2), "one fulfilled");
        assertEquals(1, fulfillable(3, 1, 3), "two refunded before anything shipped");
        assertEquals(1, fulfillable(3, 2, 1), "one refunded, two fulfilled");
        assertEquals(0, fulfillable(2, 0, 2), "all refunded");
        assertEquals(0, OrderPayloads.fulfillable(new JsonObject().put("quantity", 2)), "fields missing: nothing to do");
    }
}
