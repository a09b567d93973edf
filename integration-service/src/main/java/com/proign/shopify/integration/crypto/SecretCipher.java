package com.proign.shopify.integration.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.integration.config.EncryptionConfig;

/**
 * AES-256-GCM for credentials at rest. A ciphertext is {@code <key id>:<base64(nonce || ciphertext+tag)>}, so
 * keys can rotate: new values use the active key, old ones still decrypt while their key is in the keyring.
 * The associated data binds a ciphertext to its tenant and field, so a value copied to another row or column
 * does not decrypt.
 */
@ApplicationScoped
public class SecretCipher {

    /** The fields a ciphertext is bound to (associated data), with the tenant. */
    public static final String ACCESS_TOKEN = "access_token";
    public static final String WEBHOOK_SECRET = "webhook_secret";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(EncryptionConfig config) {
        this.keys = parseKeyring(config.keyring());
        this.activeKeyId = config.activeKey();
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("the active encryption key '" + activeKeyId + "' is not in the keyring");
        }
    }

    public String encrypt(String plaintext, String tenant, String field) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(tenant, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String ciphertext, String tenant, String field) {
        int colon = ciphertext.indexOf(':');
        SecretKey key = colon > 0 ? keys.get(ciphertext.substring(0, colon)) : null;
        if (key == null) {
            throw new IllegalStateException("no key in the keyring for a stored " + field + " of tenant " + tenant);
        }
        try {
            byte[] in = Base64.getDecoder().decode(ciphertext.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(tenant, field));
            byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // never include the value itself: the message may reach a log
            throw new IllegalStateException("a stored " + field + " of tenant " + tenant + " does not decrypt", e);
        }
    }

    /** Whether a ciphertext was made with the active key (null, holding nothing, counts as current). */
    public boolean current(String ciphertext) {
        return ciphertext == null || ciphertext.startsWith(activeKeyId + ":");
    }

    /** The same secret sealed with the active key; null stays null. */
    public String reencrypt(String ciphertext, String tenant, String field) {
        return ciphertext == null || current(ciphertext) ? ciphertext : encrypt(decrypt(ciphertext, tenant, field), tenant, field);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    private static byte[] associatedData(String tenant, String field) {
        return (tenant + "\u0000" + field).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, SecretKey> parseKeyring(String keyring) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : keyring.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("keyring entries must be 'id:base64-key'");
            }
            byte[] key = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            if (key.length != 32) {
                throw new IllegalStateException("key '" + trimmed.substring(0, colon) + "' must be 32 bytes (AES-256)");
            }
            keys.put(trimmed.substring(0, colon), new SecretKeySpec(key, "AES"));
        }
        return keys;
    }
}
