package com.proign.shopify.sync.rest;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 as problem+json with a Bearer challenge. The problem library's own mapper for these fails on this Quarkus
 * version (it reads a field Quarkus removed), so these take precedence over it.
 */
public class AuthenticationProblems {

    @ServerExceptionMapper(value = { UnauthorizedException.class, AuthenticationFailedException.class },
            priority = Priorities.AUTHENTICATION)
    public Response unauthenticated() {
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type("application/problem+json")
                .entity("{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"a valid bearer token is required\"}")
                .build();
    }
}
