package com.proign.shopify.gateway.service;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * Shopify's webhook signature: Base64 of HMAC-SHA256 over the raw body with the store's secret, compared in
 * constant time. During a rotation more than one secret is valid; every one is checked so the time taken does
 * not tell which matched.
 */
@ApplicationScoped
public class WebhookVerifier {

    public boolean verify(byte[] body, String hmacHeader, List<String> secrets) {
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(hmacHeader);
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean valid = false;
        for (String secret : secrets) {
            valid |= MessageDigest.isEqual(sign(body, secret), claimed);
        }
        return valid;
    }

    static byte[] sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
