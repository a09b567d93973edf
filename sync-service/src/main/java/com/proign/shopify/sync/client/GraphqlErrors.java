package com.proign.shopify.sync.client;

import io.vertx.core.json.JsonArray;

/** Errors in a GraphQL answer: ACCESS_DENIED (a missing scope) or a query Shopify would not run. */
public class GraphqlErrors extends ShopifyException {

    private final boolean accessDenied;

    public GraphqlErrors(String operation, JsonArray errors, boolean accessDenied) {
        super((accessDenied ? "Shopify denied " : "Shopify refused ") + operation + ": " + errors.encode(), false);
        this.accessDenied = accessDenied;
    }

    public boolean accessDenied() {
        return accessDenied;
    }
}
