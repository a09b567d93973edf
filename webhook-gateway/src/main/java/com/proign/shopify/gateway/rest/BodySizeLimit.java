package com.proign.shopify.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.proign.shopify.gateway.config.GatewayConfig;


/** Refuses a delivery whose declared size is over the limit before its body is read: 413 problem+json. */
public class BodySizeLimit {

    private final GatewayConfig config;

    public BodySizeLimit(GatewayConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.strip()) > config.maxBodyBytes()) {
                return problem(413, "Payload too large", "deliveries above " + config.maxBodyBytes() + " bytes are refused");
            }
        } catch (NumberFormatException e) {
            return problem(400, "Bad Content-Length", "Content-Length must be a number of bytes");
        }
        return null;
    }

    private static Response problem(int status, String title, String detail) {
        return Response.status(status).type("application/problem+json")
                .entity("{\"status\":" + status + ",\"title\":\"" + title + "\",\"detail\":\"" + detail + "\"}")
                .build();
    }
}
