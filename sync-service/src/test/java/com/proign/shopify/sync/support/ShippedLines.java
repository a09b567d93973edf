package com.proign.shopify.sync.support;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;

/** What a fulfillment request ships of a stand-in order. */
public final class ShippedLines {

    private ShippedLines() {
    }

    /** The physical lines of a stand-in order (REST payload): "[{shopify_line_item_id, quantity}]" of those that require shipping. */
    public static String all(JsonPath order) {
        List<Map<String, Object>> items = order.getList("line_items");
        StringBuilder lines = new StringBuilder("[");
        for (Map<String, Object> item : items) {
            if (Boolean.TRUE.equals(item.get("requires_shipping")) && !Boolean.TRUE.equals(item.get("gift_card"))) {
                lines.append(lines.length() > 1 ? "," : "").append("{\"shopify_line_item_id\":").append(item.get("id"))
                        .append(",\"quantity\":").append(item.get("quantity")).append('}');
            }
        }
        return lines.append(']').toString();
    }
}
