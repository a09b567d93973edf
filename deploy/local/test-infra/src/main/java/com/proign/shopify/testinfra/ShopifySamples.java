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
