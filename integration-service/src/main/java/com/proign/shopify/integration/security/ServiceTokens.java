package com.proign.shopify.integration.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.integration.config.InternalCallersConfig;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Verifies a service's own token: RS256, signed with the key of the service its {@code kid} names (issuer and
 * subject that same name), for this service's audience, short-lived. Answers the caller's name, or empty for any
 * other token (a user's, a forged one, an expired one). CPU only: safe on the event loop.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----(.+?)-----END PUBLIC KEY-----", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<JWTAuthContextInfo>> callers = new HashMap<>();
    private final DefaultJWTParser parser = new DefaultJWTParser();

    public ServiceTokens(InternalCallersConfig config) {
        config.callers().forEach((name, caller) -> {
            List<JWTAuthContextInfo> contexts = new ArrayList<>();
            for (PublicKey key : publicKeys(caller.publicKey())) {
                JWTAuthContextInfo context = new JWTAuthContextInfo(key, name);
                context.setExpectedAudience(Set.of(config.audience()));
                context.setMaxTimeToLiveSecs(config.maxTokenLifetime().toSeconds());
                context.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
                context.setRequiredClaims(Set.of("iat", "exp", "sub"));
                contexts.add(context);
            }
            callers.put(name, List.copyOf(contexts));
        });
    }

    /** The service that signed {@code token}, when it is a valid service token; empty otherwise. */
    public Optional<String> caller(String token) {
        String name = keyId(token);
        List<JWTAuthContextInfo> contexts = name == null ? null : callers.get(name);
        if (contexts == null) {
            return Optional.empty();
        }
        for (JWTAuthContextInfo context : contexts) {
            try {
                JsonWebToken jwt = parser.parse(token, context);
                if (name.equals(jwt.getSubject())) {
                    return Optional.of(name);
                }
            } catch (ParseException e) {
                // another of its keys may have signed it (rotation); else not a valid token of this caller
            }
        }
        return Optional.empty();
    }

    /** The services this one accepts tokens of. */
    public Set<String> callers() {
        return Set.copyOf(callers.keySet());
    }

    /** The {@code kid} of the token's header, read before anything is trusted (it only picks the key to check with). */
    private static String keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            JsonNode kid = header.get("kid");
            return kid != null && kid.isTextual() ? kid.asText() : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static List<PublicKey> publicKeys(String location) {
        Path path = location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
        try {
            Matcher m = PEM_KEY.matcher(Files.readString(path, StandardCharsets.US_ASCII));
            List<PublicKey> keys = new ArrayList<>();
            while (m.find()) {
                keys.add(KeyUtils.decodePublicKey(m.group(1).replaceAll("\\s", ""), SignatureAlgorithm.RS256));
            }
            if (keys.isEmpty()) {
                throw new IllegalStateException("no public key in " + path);
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a caller's public key from " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an RSA public key in " + path, e);
        }
    }
}
