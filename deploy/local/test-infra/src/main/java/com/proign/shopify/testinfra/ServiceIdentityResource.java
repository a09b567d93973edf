package com.proign.shopify.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The calling services' own key pairs for a test run (as deploy/local/run.sh makes them): each caller signs its
 * tokens for integration-service's internal endpoints with its private key ({@link TestTokens#service}).
 *
 * <p>Without arguments (integration-service's tests) it configures the callers' public keys. With
 * {@code caller} and {@code private-key-property} (a calling service's tests) it gives that service its private key
 * under the property it reads.
 */
public class ServiceIdentityResource implements QuarkusTestResourceLifecycleManager {

    public static final List<String> CALLERS = List.of("webhook-gateway", "sync-service");

    private String caller;
    private String privateKeyProperty;

    @Override
    public void init(Map<String, String> initArgs) {
        caller = initArgs.get("caller");
        privateKeyProperty = initArgs.get("private-key-property");
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (caller != null) {
            config.put(privateKeyProperty, privateKey(caller).toString());
            return config;
        }
        for (String name : CALLERS) {
            config.put("integration.internal.callers." + name + ".public-key", keys(name).resolve("public-key.pem").toString());
        }
        return config;
    }

    @Override
    public void stop() {
    }

    /** Where the calling service's private key of this test run is (for a stub that configures the caller). */
    public static Path privateKey(String name) {
        return keys(name).resolve("private-key.pem");
    }

    /** The caller's key folder, made on first use in this test run's state folder. */
    static synchronized Path keys(String name) {
        Path dir = LocalInfra.stateDir("identity").resolve(name);
        Path privateKey = dir.resolve("private-key.pem");
        if (Files.exists(privateKey)) {
            return dir;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("public-key.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            return dir;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
