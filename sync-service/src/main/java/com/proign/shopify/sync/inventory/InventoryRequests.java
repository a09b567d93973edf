package com.proign.shopify.sync.inventory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The rules of an inventory push, without Shopify or a database: the {@code inventorySetQuantities} request built
 * from the levels saved under a key, and what Shopify's answer means for them
 * (https://shopify.dev/docs/api/admin-graphql/latest/mutations/inventorySetQuantities).
 */
final class InventoryRequests {

    /** Stale answers in a row after which the next attempt waits (backoff) instead of going at once. */
    static final int MAX_STALE_IN_A_ROW = 5;

    private InventoryRequests() {
    }

    /** What Shopify's answer means for the request's levels. */
    sealed interface Outcome {
    }

    /** Every quantity set. */
    record Applied() implements Outcome {
    }

    /** Shopify's stock moved since it was read (or the key met other parameters): read again, send again. */
    record Stale(List<String> codes) implements Outcome {
    }

    /** Shopify refused: {@code failed} are marked failed with {@code why}; {@code others} go again at once. */
    record Refused(List<LevelRow> failed, List<LevelRow> others, String why) implements Outcome {
    }

    /** The variables of InventorySetQuantities.graphql for the levels saved under {@code key}, in their order. */
    static JsonObject variables(UUID key, List<LevelRow> rows) {
        JsonArray quantities = new JsonArray();
        for (LevelRow row : rows) {
            quantities.add(new JsonObject()
                    .put("inventoryItemId", "gid://shopify/InventoryItem/" + row.inventoryItemId())
                    .put("locationId", "gid://shopify/Location/" + row.locationId())
                    .put("quantity", row.pushQuantity())
                    .put("changeFromQuantity", row.pushFrom()));
        }
        JsonObject input = new JsonObject().put("name", "available").put("reason", "correction")
                .put("referenceDocumentUri", "proign://inventory-sync/" + key).put("quantities", quantities);
        return new JsonObject().put("input", input).put("key", key.toString());
    }

    /**
     * The outcome of the mutation's payload for {@code rows} (in the request's order): no user error is applied; a
     * stale compare quantity (or IDEMPOTENCY_KEY_PARAMETER_MISMATCH) is stale; an error naming one quantity
     * ({@code field: ["input", "quantities", "<index>", ...]}) fails that level and sends the others again; any
     * other error fails them all.
     */
    static Outcome outcome(JsonObject payload, List<LevelRow> rows) {
        JsonArray errors = payload.getJsonArray("userErrors", new JsonArray());
        if (errors.isEmpty()) {
            return new Applied();
        }
        List<String> codes = errors.stream().map(e -> ((JsonObject) e).getString("code")).toList();
        if (codes.contains("CHANGE_FROM_QUANTITY_STALE") || codes.contains("IDEMPOTENCY_KEY_PARAMETER_MISMATCH")) {
            return new Stale(codes);
        }
        List<LevelRow> failed = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        for (Object item : errors) {
            JsonObject error = (JsonObject) item;
            JsonArray field = error.getJsonArray("field", new JsonArray());
            Integer index = field.size() >= 3 && "quantities".equals(field.getString(1)) ? parse(field.getString(2)) : null;
            if (index != null && index < rows.size() && !failed.contains(rows.get(index))) {
                failed.add(rows.get(index));
            }
            messages.add(error.getString("code") + ": " + error.getString("message"));
        }
        String why = "Shopify refused the quantity: " + String.join("; ", messages);
        if (failed.isEmpty() || failed.size() == rows.size()) {
            return new Refused(rows, List.of(), why);
        }
        return new Refused(failed, rows.stream().filter(r -> !failed.contains(r)).toList(), why);
    }

    /** Shopify's available quantity in an InventoryItemLevel.graphql answer (0 when the item is not stocked there). */
    static int available(JsonObject data) {
        JsonObject item = data.getJsonObject("inventoryItem");
        JsonObject level = item == null ? null : item.getJsonObject("inventoryLevel");
        if (level == null) {
            return 0;
        }
        for (Object q : level.getJsonArray("quantities", new JsonArray())) {
            if ("available".equals(((JsonObject) q).getString("name"))) {
                return ((JsonObject) q).getInteger("quantity", 0);
            }
        }
        return 0;
    }

    /** The attempts of the request so far, plus this one. */
    static int attempts(List<LevelRow> rows) {
        return rows.stream().mapToInt(LevelRow::pushAttempts).max().orElse(0) + 1;
    }

    /** How long to wait before attempt {@code attempts}: 2, 4, 8 ... seconds, at most 5 minutes. */
    static Duration backoff(int attempts) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 9)));
    }

    /** After a stale answer: at once, unless Shopify's stock keeps moving, then with backoff. */
    static Duration afterStale(int attempts) {
        return attempts >= MAX_STALE_IN_A_ROW ? backoff(attempts) : Duration.ZERO;
    }

    private static Integer parse(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
