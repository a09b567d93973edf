package com.proign.shopify.gateway.client;

import java.util.List;

/** A connected store's tenant and the secrets that may sign its webhooks (current first). */
public record ShopSecrets(String tenant, String shopDomain, List<String> secrets) {

    @Override
    public String toString() {
        return "ShopSecrets[tenant=" + tenant + ", shopDomain=" + shopDomain + ", secrets=<redacted>]";
    }
}
