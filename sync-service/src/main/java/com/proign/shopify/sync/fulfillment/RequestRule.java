package com.proign.shopify.sync.fulfillment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The accept_when_stocked rule for a merchant's fulfillment request to the warehouse's fulfillment service: accepted
 * when the address is complete and every line's SKU is in stock at the service's location in the quantity asked;
 * otherwise rejected with Shopify's reason (FulfillmentOrderRejectionReason) and the lines it is about. Without the
 * warehouse's stock (inventory sync off) the warehouse decides.
 */
public final class RequestRule {

    /** What the rule decided: accept, reject (with reason, message, lines) or leave to the warehouse (message says why). */
    public record Decision(String outcome, String reason, String message, List<String> lineItemIds) {

        static Decision accept() {
            return new Decision("accept", null, "Accepted by the warehouse: every item is in stock", List.of());
        }

        static Decision reject(String reason, String message, List<String> lines) {
            return new Decision("reject", reason, message.length() > 1000 ? message.substring(0, 1000) : message, List.copyOf(lines));
        }

        static Decision leave(String why) {
            return new Decision("leave", null, why, List.of());
        }
    }

    private RequestRule() {
    }

    /**
     * Decides on fulfillment order {@code fo} (FulfillmentRequestDetails.graphql's) given the warehouse's available
     * quantity of each SKU at the service's location ({@code stock}; null when the warehouse's stock is not known).
     */
    public static Decision decide(JsonObject fo, Map<String, Integer> stock) {
        JsonObject destination = fo.getJsonObject("destination");
        List<String> missing = new ArrayList<>();
        for (String part : List.of("address1", "city", "countryCode")) {
            if (destination == null || destination.getString(part) == null || destination.getString(part).isBlank()) {
                missing.add(switch (part) {
                    case "address1" -> "street";
                    case "countryCode" -> "country";
                    default -> part;
                });
            }
        }
        if (!missing.isEmpty()) {
            return Decision.reject("INCORRECT_ADDRESS", "The shipping address has no " + String.join(", ", missing)
                    + ": correct it, then request fulfillment again", List.of());
        }
        if (stock == null) {
            return Decision.leave("the warehouse decides: its stock is not known here (inventory sync is off)");
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        Map<String, List<String>> linesBySku = new LinkedHashMap<>();
        List<String> noSku = new ArrayList<>();
        JsonObject lineItems = fo.getJsonObject("lineItems");
        for (Object node : lineItems == null ? new JsonArray() : lineItems.getJsonArray("nodes", new JsonArray())) {
            JsonObject line = (JsonObject) node;
            int quantity = line.getInteger("remainingQuantity", 0);
            if (quantity <= 0) {
                continue;
            }
            String sku = line.getString("sku");
            if (sku == null || sku.isBlank()) {
                noSku.add(line.getString("id"));
                continue;
            }
            wanted.merge(sku.strip(), quantity, Integer::sum);
            linesBySku.computeIfAbsent(sku.strip(), k -> new ArrayList<>()).add(line.getString("id"));
        }
        List<String> unknown = wanted.keySet().stream().filter(sku -> !stock.containsKey(sku)).toList();
        if (!noSku.isEmpty() || !unknown.isEmpty()) {
            List<String> lines = new ArrayList<>(noSku);
            unknown.forEach(sku -> lines.addAll(linesBySku.get(sku)));
            String words = unknown.isEmpty() ? "" : "The warehouse does not stock " + String.join(", ", unknown);
            if (!noSku.isEmpty()) {
                words += (words.isEmpty() ? "" : "; ") + noSku.size() + " item(s) have no SKU";
            }
            return Decision.reject("INVALID_SKU", words, lines);
        }
        List<String> shortSkus = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        wanted.forEach((sku, quantity) -> {
            int available = stock.get(sku);
            if (available < quantity) {
                shortSkus.add(sku + ": " + quantity + " ordered, " + Math.max(available, 0) + " in stock");
                lines.addAll(linesBySku.get(sku));
            }
        });
        if (!shortSkus.isEmpty()) {
            return Decision.reject("INVENTORY_OUT_OF_STOCK", "Out of stock at the warehouse: " + String.join("; ", shortSkus), lines);
        }
        return Decision.accept();
    }
}
