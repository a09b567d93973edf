package com.proign.shopify.integration.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A GraphQL answer of the Admin API: data, errors (null when none) and the API version Shopify served. */
public record AdminResponse(JsonObject data, JsonArray errors, String apiVersion) {
}
