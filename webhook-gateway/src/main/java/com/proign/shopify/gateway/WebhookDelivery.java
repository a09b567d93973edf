package com.proign.shopify.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * One delivery as Shopify sends it: the X-Shopify-* headers and the raw body, which is verified and published
 * byte for byte, never re-serialised.
 */
public record WebhookDelivery(
        String topic,
        String shopDomain,
        String hmac,
        String webhookId,
        String apiVersion,
        String triggeredAt,
        String eventId,
        byte[] body) {

    public static final String TOPIC = "X-Shopify-Topic";
    public static final String HMAC = "X-Shopify-Hmac-Sha256";
    public static final String SHOP_DOMAIN = "X-Shopify-Shop-Domain";
    public static final String API_VERSION = "X-Shopify-API-Version";
    public static final String WEBHOOK_ID = "X-Shopify-Webhook-Id";
    public static final String TRIGGERED_AT = "X-Shopify-Triggered-At";
    public static final String EVENT_ID = "X-Shopify-Event-Id";

    /** Reads a delivery from its headers (looked up case-insensitively by {@code header}). */
    public static WebhookDelivery of(Function<String, String> header, byte[] body) {
        String shop = header.apply(SHOP_DOMAIN);
        return new WebhookDelivery(
                trimmed(header.apply(TOPIC)),
                shop == null ? null : shop.strip().toLowerCase(Locale.ROOT),
                trimmed(header.apply(HMAC)),
                trimmed(header.apply(WEBHOOK_ID)),
                trimmed(header.apply(API_VERSION)),
                trimmed(header.apply(TRIGGERED_AT)),
                trimmed(header.apply(EVENT_ID)),
                body);
    }

    /** The headers Shopify always sends that this delivery lacks (the reference handler answers 400 for them). */
    public List<String> missingHeaders() {
        List<String> missing = new ArrayList<>();
        if (topic == null) {
            missing.add(TOPIC);
        }
        if (hmac == null) {
            missing.add(HMAC);
        }
        if (shopDomain == null || shopDomain.isEmpty()) {
            missing.add(SHOP_DOMAIN);
        }
        if (apiVersion == null) {
            missing.add(API_VERSION);
        }
        if (webhookId == null) {
            missing.add(WEBHOOK_ID);
        }
        return missing;
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        return s.isEmpty() ? null : s;
    }
}
