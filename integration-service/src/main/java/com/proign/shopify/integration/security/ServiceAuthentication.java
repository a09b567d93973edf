package com.proign.shopify.integration.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Authentication on {@code /internal/...}: only a service's own token ({@link ServiceTokens}) is taken there, and
 * it is taken nowhere else. It runs before the user-token mechanism (higher priority) and, on an internal path,
 * either proves a caller or fails the request, so a user token never authenticates there whatever roles it
 * carries; elsewhere it steps aside and service tokens fail the user-token check (another issuer and key).
 */
@ApplicationScoped
public class ServiceAuthentication implements HttpAuthenticationMechanism {

    static final String INTERNAL_PATH = "/internal/";
    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!context.normalizedPath().startsWith(INTERNAL_PATH)) {
            return Uni.createFrom().nullItem();
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("no service token"));
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer token"));
        }
        // through the identity providers, so that the permission checkers are attached to the identity
        return identityProviderManager.authenticate(new ServiceTokenRequest(authorization.substring(BEARER.length()).strip()));
    }

    /** A service's bearer token on an internal path, as it came. */
    public static final class ServiceTokenRequest extends BaseAuthenticationRequest {
        final String token;

        ServiceTokenRequest(String token) {
            this.token = token;
        }
    }

    /** Proves the caller of a {@link ServiceTokenRequest}, or fails it. */
    @ApplicationScoped
    public static class ServiceTokenIdentityProvider implements IdentityProvider<ServiceTokenRequest> {

        private final ServiceTokens tokens;

        public ServiceTokenIdentityProvider(ServiceTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<ServiceTokenRequest> getRequestType() {
            return ServiceTokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ServiceTokenRequest request, AuthenticationRequestContext context) {
            return tokens.caller(request.token)
                    .map(caller -> Uni.createFrom().<SecurityIdentity> item(QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(caller))
                            .addAttribute(ServiceCaller.ATTRIBUTE, caller)
                            .build()))
                    .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("not a service token")));
        }
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ServiceTokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "service"));
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
