package com.proign.shopify.integration.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.proign.shopify.integration.config.EncryptionConfig;

class SecretCipherTests {

    private static final String K1 = "k1:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = "k2:" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    private static SecretCipher cipher(String keyring, String active) {
        return new SecretCipher(new EncryptionConfig() {
            public String keyring() {
                return keyring;
            }

            public String activeKey() {
                return active;
            }
        });
    }

    @Test
    void roundTripsWithoutLeavingThePlaintext() {
        SecretCipher cipher = cipher(K1, "k1");
        String sealed = cipher.encrypt("shpss_secret", "acme", "webhook_secret");
        assertTrue(sealed.startsWith("k1:"));
        assertFalse(sealed.contains("shpss_secret"));
        assertEquals("shpss_secret", cipher.decrypt(sealed, "acme", "webhook_secret"));
    }

    @Test
    void sameValueEncryptsDifferentlyEachTime() {
        SecretCipher cipher = cipher(K1, "k1");
        assertNotEquals(cipher.encrypt("x", "acme", "f"), cipher.encrypt("x", "acme", "f"));
    }

    @Test
    void aCiphertextMovedToAnotherTenantOrFieldDoesNotDecrypt() {
        SecretCipher cipher = cipher(K1, "k1");
        String sealed = cipher.encrypt("shpat_token", "acme", "access_token");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "other", "access_token"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "acme", "webhook_secret"));
    }

    @Test
    void aTamperedCiphertextDoesNotDecryptAndTheErrorHidesTheValue() {
        SecretCipher cipher = cipher(K1, "k1");
        String sealed = cipher.encrypt("shpat_token", "acme", "access_token");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        String tampered = "k1:" + Base64.getEncoder().encodeToString(raw);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(tampered, "acme", "access_token"));
        assertFalse(e.getMessage().contains("shpat_token"));
    }

    @Test
    void keyRotationKeepsOldValuesReadableAndSealsNewOnesWithTheActiveKey() {
        String old = cipher(K1, "k1").encrypt("shpss_old", "acme", "webhook_secret");
        SecretCipher rotated = cipher(K1 + "," + K2, "k2");
        assertEquals("shpss_old", rotated.decrypt(old, "acme", "webhook_secret"));
        assertTrue(rotated.encrypt("v", "acme", "webhook_secret").startsWith("k2:"));
    }

    @Test
    void refusesAMisconfiguredKeyring() {
        assertThrows(IllegalStateException.class, () -> cipher(K1, "k9"));
        assertThrows(IllegalStateException.class, () -> cipher("k1:" + Base64.getEncoder().encodeToString(new byte[16]), "k1"));
        assertThrows(IllegalStateException.class, () -> cipher("nokey", "nokey"));
    }
}
