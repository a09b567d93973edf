package com.proign.shopify.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.proign.shopify.gateway.WebhookDelivery;
import com.proign.shopify.gateway.config.GatewayConfig;
import com.proign.shopify.gateway.service.DeliveryOutcomes;

import io.vertx.core.http.HttpServerRequest;


/** Refuses a delivery whose declared size is over the limit before its body is read: 413 problem+json. */
public class BodySizeLimit {

    private final GatewayConfig config;
    private final DeliveryOutcomes outcomes;

    public BodySizeLimit(GatewayConfig config, DeliveryOutcomes outcomes) {
        this.config = config;
        this.outcomes = outcomes;
    }

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext request, HttpServerRequest http) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        try {
            if (Long.parseLong(length.strip()) > config.maxBodyBytes()) {
                outcomes.rejected(WebhookDelivery.of(request::getHeaderString, null),
                        http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress(), "too_large");
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
