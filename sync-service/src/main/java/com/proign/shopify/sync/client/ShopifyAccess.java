package com.proign.shopify.sync.client;

import java.time.OffsetDateTime;

/** A tenant's store and a valid Admin API token, from integration-service; never logged. */
public record ShopifyAccess(String tenant, String shopDomain, String accessToken, String apiVersion, OffsetDateTime expiresAt) {
    @Override
    public String toString() {
        return "ShopifyAccess[tenant=" + tenant + ", shopDomain=" + shopDomain + ", accessToken=<redacted>]";
    }
}
