package com.proign.shopify.sync.catalog;

import java.util.Locale;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A product read through GraphQL (ProductsPage.graphql) in the shape products/update delivers it (the REST
 * resource, https://shopify.dev/docs/api/admin-rest/latest/resources/product): numeric ids, snake_case, status in lower case, each variant with its SKU (null when blank), price as a
 * decimal string and inventory_item_id.
 */
public final class ProductPayloads {

    private ProductPayloads() {
    }

    public static JsonObject toRest(JsonObject product, JsonArray variants) {
        long productId = Long.parseLong(product.getString("legacyResourceId"));
        JsonArray restVariants = new JsonArray();
        for (Object item : variants) {
            JsonObject v = (JsonObject) item;
            JsonObject inventoryItem = v.getJsonObject("inventoryItem");
            String sku = v.getString("sku");
            restVariants.add(new JsonObject()
                    .put("id", Long.parseLong(v.getString("legacyResourceId")))
                    .put("admin_graphql_api_id", v.getString("id"))
                    .put("product_id", productId)
                    .put("title", v.getString("title"))
                    .put("sku", sku == null || sku.isBlank() ? null : sku)
                    .put("price", v.getValue("price") == null ? null : v.getValue("price").toString())
                    .put("inventory_item_id", inventoryItem == null ? null : Long.parseLong(inventoryItem.getString("legacyResourceId"))));
        }
        String status = product.getString("status");
        return new JsonObject()
                .put("id", productId)
                .put("admin_graphql_api_id", product.getString("id"))
                .put("title", product.getString("title"))
                .put("status", status == null ? null : status.toLowerCase(Locale.ROOT))
                .put("updated_at", product.getString("updatedAt"))
                .put("variants", restVariants);
    }
}
