package com.proign.shopify.integration.service;

import java.util.List;

/**
 * The secrets a store's webhooks may be signed with right now: the current one first, then one being rotated out.
 * {@code privacyOnly}: the store's connection has ended, and only the webhooks Shopify still owes after that (the
 * privacy topics, app/uninstalled) may be accepted with them.
 */
public record WebhookSecrets(String tenant, String shopDomain, List<String> secrets, boolean privacyOnly) {

    @Override
    public String toString() {
        return "WebhookSecrets[tenant=" + tenant + ", shopDomain=" + shopDomain + ", secrets=<" + secrets.size()
                + " redacted>, privacyOnly=" + privacyOnly + "]";
    }
}
