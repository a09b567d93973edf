package com.proign.shopify.sync.fulfillment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/** Carrier names as warehouses write them become Shopify's; several parcels become numbers and urls. */
class CarriersTests {

    @Test
    void warehouseSpellingsBecomeShopifysNamesAndUnknownOnesStayAsTheyAre() {
        assertEquals("FedEx", Carriers.shopifyName("fedex"));
        assertEquals("FedEx", Carriers.shopifyName("Federal Express"));
        assertEquals("UPS", Carriers.shopifyName(" ups "));
        assertEquals("DHL Express", Carriers.shopifyName("DHL"));
        assertEquals("DHL eCommerce", Carriers.shopifyName("dhl e-commerce"));
        assertEquals("USPS", Carriers.shopifyName("U.S.P.S."));
        assertEquals("Canada Post", Carriers.shopifyName("canada post"));
        assertEquals("Royal Mail", Carriers.shopifyName("ROYAL_MAIL"));
        assertEquals("Bob's Couriers", Carriers.shopifyName(" Bob's Couriers"));
        assertNull(Carriers.shopifyName("  "));
        assertNull(Carriers.shopifyName(null));
    }

    @Test
    void everyParcelGoesToShopifyAndARequestFromBeforeSeveralStillReads() {
        FulfillmentRequest several = request(new FulfillmentRequest.Tracking("fedex", "111", null, List.of("111", "222"),
                List.of("https://t.example/111", "https://t.example/222")));
        JsonObject tracking = FulfillmentSync.tracking(several);
        assertEquals("FedEx", tracking.getString("company"));
        assertEquals(List.of("111", "222"), tracking.getJsonArray("numbers").getList());
        assertEquals(List.of("https://t.example/111", "https://t.example/222"), tracking.getJsonArray("urls").getList());
        assertEquals("111", several.trackingNumber());

        FulfillmentRequest older = request(new FulfillmentRequest.Tracking("UPS", "1Z1", "https://ups.example/1Z1", null, null));
        assertEquals(List.of("1Z1"), older.trackingNumbers());
        assertEquals(List.of("https://ups.example/1Z1"), FulfillmentSync.tracking(older).getJsonArray("urls").getList());
        assertEquals(new JsonObject(), FulfillmentSync.tracking(request(null)));
    }

    private static FulfillmentRequest request(FulfillmentRequest.Tracking tracking) {
        return new FulfillmentRequest("t", UUID.randomUUID(), UUID.randomUUID(), 1L, "#1",
                List.of(new FulfillmentRequest.Line(1L, 1)), tracking, OffsetDateTime.now());
    }
}
