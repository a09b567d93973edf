package com.proign.shopify.integration.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every log line of a request names its tenant: the MDC, which the JSON log format writes with each line (and which
 * lives in the request's Vert.x context, so it follows the request). The store's domain is not put there: the
 * tenant names it, and connection requests are logged by ConnectionService with it.
 */
public class LogContext {

    @ServerRequestFilter
    public void tenant(ContainerRequestContext request) {
        String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
        if (tenant != null) {
            MDC.put("tenant", tenant);
        }
    }
}
