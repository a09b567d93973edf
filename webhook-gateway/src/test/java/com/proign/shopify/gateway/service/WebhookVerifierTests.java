package com.proign.shopify.gateway.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.proign.shopify.testinfra.ShopifySamples;

class WebhookVerifierTests {

    private final WebhookVerifier verifier = new WebhookVerifier();
    private final byte[] body = ShopifySamples.bytes(ShopifySamples.ORDER);

    @Test
    void acceptsShopifysSignatureOverTheRawBytes() {
        assertTrue(verifier.verify(body, ShopifySamples.sign(body, "shpss_current"), List.of("shpss_current")));
    }

    @Test
    void knownVector() {
        // echo -n '{"id":1}' | openssl dgst -sha256 -hmac secret -binary | base64
        byte[] tiny = "{\"id\":1}".getBytes(StandardCharsets.UTF_8);
        assertTrue(verifier.verify(tiny, "A971iWIMgT8Zj9A9eWfikrFj7wQ16/Qwcc4OlRl2PLc=", List.of("secret")));
    }

    @Test
    void rejectsAOneBitChangeOfTheBody() {
        String signature = ShopifySamples.sign(body, "shpss_current");
        byte[] tampered = body.clone();
        tampered[tampered.length / 2] ^= 0x01;
        assertFalse(verifier.verify(tampered, signature, List.of("shpss_current")));
    }

    @Test
    void rejectsTheWrongSecretAndGarbage() {
        assertFalse(verifier.verify(body, ShopifySamples.sign(body, "other"), List.of("shpss_current")));
        assertFalse(verifier.verify(body, "not base64 !!", List.of("shpss_current")));
        assertFalse(verifier.verify(body, "", List.of("shpss_current")));
        assertFalse(verifier.verify(body, ShopifySamples.sign(body, "shpss_current"), List.of()));
    }

    @Test
    void acceptsThePreviousSecretDuringARotation() {
        List<String> rotating = List.of("shpss_new", "shpss_old");
        assertTrue(verifier.verify(body, ShopifySamples.sign(body, "shpss_old"), rotating));
        assertTrue(verifier.verify(body, ShopifySamples.sign(body, "shpss_new"), rotating));
    }
}
