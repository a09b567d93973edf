package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's own fixture payloads (see shopify/samples/README.md for their origin), and signing as Shopify signs
 * a delivery, for tests that post webhooks.
 */
public final class ShopifySamples {

    public static final String ORDER = "orders_create_sample.json";
    public static final String PRODUCT = "product_rest_fixture.json";
    public static final String PRODUCT_UPDATE = "products_update_sample.json";

    private ShopifySamples() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = ShopifySamples.class.getResourceAsStream("/shopify/samples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /**
     * Shopify's sample order as a large one of exactly {@code size} bytes, with the given id: 250 line items (the
     * most a checkout takes), each with a long engraving property, and a note that fills the rest. Real orders of a
     * megabyte and more look like this (many lines with custom properties, long notes).
     */
    public static byte[] largeOrder(long id, int size) {
        try {
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            var order = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(bytes(ORDER));
            order.put("id", id);
            order.put("admin_graphql_api_id", "gid://shopify/Order/" + id);
            var template = (com.fasterxml.jackson.databind.node.ObjectNode) order.withArray("line_items").get(0);
            var lines = order.putArray("line_items");
            for (int i = 0; i < 250; i++) {
                var line = template.deepCopy();
                line.put("id", id * 1000 + i);
                line.put("sku", "LARGE-" + i);
                line.putArray("properties").addObject().put("name", "Engraving").put("value", "e".repeat(2_000));
                lines.add(line);
            }
            order.put("note", "");
            int rest = size - json.writeValueAsBytes(order).length;
            if (rest < 0) {
                throw new IllegalArgumentException("an order of 250 lines is larger than " + size + " bytes");
            }
            order.put("note", "n".repeat(rest));
            return json.writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Base64 HMAC-SHA256 of the raw body: the X-Shopify-Hmac-Sha256 header. */
    public static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
