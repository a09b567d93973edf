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

    /**
     * What is wrong with the headers that are there, one phrase each: a value longer than any Shopify sends or of
     * another form. Such a delivery is refused (400) rather than accepted and dead-lettered downstream, where the
     * webhook id (the idempotency key, 128 characters at most) and the topic (64) are stored whole.
     */
    public List<String> invalidHeaders() {
        List<String> invalid = new ArrayList<>();
        check(invalid, TOPIC, topic, 64, TOPIC_FORM, "a Shopify topic such as orders/create");
        check(invalid, WEBHOOK_ID, webhookId, 128, null, null);
        check(invalid, HMAC, hmac, 128, null, null);
        check(invalid, API_VERSION, apiVersion, 32, null, null);
        check(invalid, EVENT_ID, eventId, 128, null, null);
        check(invalid, TRIGGERED_AT, triggeredAt, 64, null, null);
        return invalid;
    }

    private static final java.util.regex.Pattern TOPIC_FORM = java.util.regex.Pattern.compile("[a-z0-9_]+(/[a-z0-9_]+)+");

    private static void check(List<String> invalid, String header, String value, int maxLength,
            java.util.regex.Pattern form, String formWords) {
        if (value == null) {
            return;
        }
        if (value.length() > maxLength) {
            invalid.add(header + " is longer than " + maxLength + " characters");
        } else if (form != null && !form.matcher(value).matches()) {
            invalid.add(header + " is not " + formWords);
        }
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        return s.isEmpty() ? null : s;
    }
}
