package com.proign.shopify.sync.pull;

import java.util.Locale;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A GraphQL order as the REST-shaped body the webhooks carry (orders/updated), so pulled orders go through
 * order-service's one mapping: numeric ids, snake_case, money as strings with Shopify's scale, statuses as REST
 * spells them.
 */
public final class OrderPayloads {

    private OrderPayloads() {
    }

    public static JsonObject toRest(JsonObject node) {
        JsonObject order = new JsonObject()
                .put("id", Long.parseLong(node.getString("legacyResourceId")))
                .put("admin_graphql_api_id", node.getString("id"))
                .put("name", node.getString("name"))
                .put("created_at", node.getString("createdAt"))
                .put("updated_at", node.getString("updatedAt"))
                .put("cancelled_at", node.getString("cancelledAt"))
                .put("currency", node.getString("currencyCode"))
                .put("financial_status", lower(node.getString("displayFinancialStatus")))
                .put("fulfillment_status", fulfillmentStatus(node.getString("displayFulfillmentStatus")))
                .put("total_price", amount(node.getJsonObject("totalPriceSet")));
        JsonObject address = node.getJsonObject("shippingAddress");
        if (address != null) {
            order.put("shipping_address", new JsonObject()
                    .put("name", address.getString("name"))
                    .put("company", address.getString("company"))
                    .put("address1", address.getString("address1"))
                    .put("address2", address.getString("address2"))
                    .put("city", address.getString("city"))
                    .put("province", address.getString("province"))
                    .put("province_code", address.getString("provinceCode"))
                    .put("zip", address.getString("zip"))
                    .put("country", address.getString("country"))
                    .put("country_code", address.getString("countryCodeV2"))
                    .put("phone", address.getString("phone")));
        }
        JsonArray lines = new JsonArray();
        for (Object item : node.getJsonObject("lineItems").getJsonArray("nodes")) {
            JsonObject line = (JsonObject) item;
            JsonObject variant = line.getJsonObject("variant");
            lines.add(new JsonObject()
                    .put("id", legacyId(line.getString("id")))
                    .put("variant_id", variant == null ? null : legacyId(variant.getString("id")))
                    .put("sku", line.getString("sku"))
                    .put("title", line.getString("title"))
                    .put("variant_title", line.getString("variantTitle"))
                    .put("quantity", line.getInteger("quantity"))
                    .put("current_quantity", line.getInteger("currentQuantity"))
                    .put("fulfillable_quantity", fulfillable(line))
                    .put("price", amount(line.getJsonObject("originalUnitPriceSet")))
                    .put("requires_shipping", line.getBoolean("requiresShipping"))
                    .put("gift_card", line.getBoolean("isGiftCard")));
        }
        return order.put("line_items", lines);
    }

    static long legacyId(String gid) {
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }

    private static String amount(JsonObject moneyBag) {
        return moneyBag == null || moneyBag.getJsonObject("shopMoney") == null ? null
                : moneyBag.getJsonObject("shopMoney").getString("amount");
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String fulfillmentStatus(String display) {
        if (display == null) {
            return null;
        }
        return switch (display) {
            case "FULFILLED" -> "fulfilled";
            case "PARTIALLY_FULFILLED" -> "partial";
            case "RESTOCKED" -> "restocked";
            default -> null;
        };
    }

    /**
     * REST's fulfillable_quantity: the units neither fulfilled nor refunded or removed, i.e. the least of what is not
     * fulfilled yet and what the order still has (https://shopify.dev/docs/api/admin-graphql/latest/objects/LineItem).
     */
    static int fulfillable(JsonObject line) {
        Integer unfulfilled = line.getInteger("unfulfilledQuantity");
        Integer current = line.getInteger("currentQuantity");
        if (unfulfilled == null || current == null) {
            return 0;
        }
        return Math.max(0, Math.min(unfulfilled, current));
    }
}
