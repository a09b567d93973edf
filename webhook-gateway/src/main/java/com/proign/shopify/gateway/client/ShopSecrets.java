package com.proign.shopify.gateway.client;

import java.util.List;

/**
 * A store's tenant and the secrets that may sign its webhooks (current first). {@code privacyOnly}: the store's
 * connection has ended, and only the webhooks Shopify still owes (privacy topics, app/uninstalled) are taken.
 */
public record ShopSecrets(String tenant, String shopDomain, List<String> secrets, boolean privacyOnly) {

    @Override
    public String toString() {
        return "ShopSecrets[tenant=" + tenant + ", shopDomain=" + shopDomain + ", secrets=<redacted>, privacyOnly="
                + privacyOnly + "]";
    }
}
