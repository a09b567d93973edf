package com.proign.shopify.integration.service;

import java.util.List;

/** The secrets a store's webhooks may be signed with right now: the current one first, then one being rotated out. */
public record WebhookSecrets(String tenant, String shopDomain, List<String> secrets) {

    @Override
    public String toString() {
        return "WebhookSecrets[tenant=" + tenant + ", shopDomain=" + shopDomain + ", secrets=<" + secrets.size() + " redacted>]";
    }
}
