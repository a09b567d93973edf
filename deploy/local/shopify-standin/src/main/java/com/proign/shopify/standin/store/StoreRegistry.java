package com.proign.shopify.standin.store;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Every fake store, found by domain, by access token (the Admin API) or by client id (the OAuth grant). */
@ApplicationScoped
public class StoreRegistry {

    private final Map<String, Store> byDomain = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    public Store create(String domain, String name, String plan, String clientId, String clientSecret,
            String webhookSecret, Duration tokenLifetime, Set<String> appScopes) {
        Store store = new Store(domain, name, plan, clientId, clientSecret, webhookSecret, tokenLifetime, appScopes);
        if (byDomain.putIfAbsent(domain, store) != null) {
            throw new IllegalArgumentException("store " + domain + " exists already");
        }
        return store;
    }

    public Optional<Store> byDomain(String domain) {
        return Optional.ofNullable(byDomain.get(domain));
    }

    public Optional<Store> byClientId(String clientId) {
        return byDomain.values().stream().filter(s -> s.clientId().equals(clientId)).findFirst();
    }

    /** The store and token an Admin API call presents, if the token is valid now. */
    public Optional<Authenticated> authenticate(String token, Instant now) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        for (Store store : byDomain.values()) {
            Optional<AccessToken> found = store.token(token, now);
            if (found.isPresent()) {
                return Optional.of(new Authenticated(store, found.get()));
            }
        }
        return Optional.empty();
    }

    /** A new token of the store's app with the given scopes; expiring ones come from the client-credentials grant. */
    public AccessToken issueToken(Store store, String prefix, Set<String> scopes, Instant expiresAt) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return store.addToken(new AccessToken(prefix + HexFormat.of().formatHex(bytes), Set.copyOf(scopes), expiresAt));
    }

    public record Authenticated(Store store, AccessToken token) {
    }
}
