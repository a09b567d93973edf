package com.proign.shopify.standin.graphql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.proign.shopify.standin.store.LineItem;
import com.proign.shopify.standin.store.ShopOrder;

class OrderSearchTests {

    private static ShopOrder order(String created, String updated, String financial, boolean cancelled, int fulfilled) {
        return new ShopOrder(1, 1001, "a@example.com", OffsetDateTime.parse(created), OffsetDateTime.parse(updated),
                cancelled ? OffsetDateTime.parse(updated) : null, cancelled ? "customer" : null, null, financial, "USD",
                null, List.of(new LineItem(2, 3L, 4L, "SKU", "T", null, 2, fulfilled, BigDecimal.ONE, true, false, 1)),
                null, List.of());
    }

    @Test
    void comparesTimesWithTheirOffsets() {
        ShopOrder o = order("2026-11-01T10:00:00+02:00", "2026-11-05T12:00:00Z", "paid", false, 0);
        assertTrue(OrderSearch.parse("updated_at:>'2026-11-05T11:59:59Z'").test(o));
        assertFalse(OrderSearch.parse("updated_at:>'2026-11-05T12:00:00Z'").test(o));
        assertTrue(OrderSearch.parse("updated_at:>=2026-11-05T12:00:00Z").test(o));
        assertTrue(OrderSearch.parse("created_at:<\"2026-11-01T08:00:01Z\"").test(o), "10:00+02:00 is 08:00Z");
        assertTrue(OrderSearch.parse("created_at:>=2026-11-01").test(o));
    }

    @Test
    void filtersByStatusesAndNegation() {
        ShopOrder paidOpen = order("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", "paid", false, 0);
        ShopOrder partial = order("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", "pending", false, 1);
        ShopOrder cancelled = order("2026-11-01T00:00:00Z", "2026-11-01T00:00:00Z", "refunded", true, 0);
        assertTrue(OrderSearch.parse("status:any financial_status:paid").test(paidOpen));
        assertFalse(OrderSearch.parse("financial_status:paid").test(partial));
        assertTrue(OrderSearch.parse("fulfillment_status:partial").test(partial));
        assertTrue(OrderSearch.parse("fulfillment_status:unshipped").test(paidOpen));
        assertTrue(OrderSearch.parse("status:cancelled").test(cancelled));
        assertFalse(OrderSearch.parse("status:open").test(cancelled));
        assertTrue(OrderSearch.parse("-status:cancelled").test(paidOpen));
        assertTrue(OrderSearch.parse("tag:unknown-filter-is-ignored").test(paidOpen));
    }

    @Test
    void unpaidIsAuthorizedOrPartiallyPaidAsShopifyDocumentsIt() {
        String at = "2026-11-01T00:00:00Z";
        assertTrue(OrderSearch.parse("financial_status:unpaid").test(order(at, at, "authorized", false, 0)));
        assertTrue(OrderSearch.parse("financial_status:unpaid").test(order(at, at, "partially_paid", false, 0)));
        assertFalse(OrderSearch.parse("financial_status:unpaid").test(order(at, at, "paid", false, 0)));
        assertFalse(OrderSearch.parse("financial_status:unpaid").test(order(at, at, "pending", false, 0)));
    }
}
