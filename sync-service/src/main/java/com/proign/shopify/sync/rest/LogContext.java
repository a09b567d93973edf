package com.proign.shopify.sync.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every log line of a request names its tenant (and the order, for /orders/{id}): the MDC, which the JSON log
 * format writes with each line (and which lives in the request's Vert.x context, so it follows the request).
 */
public class LogContext {

    @ServerRequestFilter
    public void tenantAndOrder(ContainerRequestContext request) {
        var path = request.getUriInfo().getPathParameters();
        String tenant = path.getFirst("tenant");
        if (tenant != null) {
            MDC.put("tenant", tenant);
        }
        String order = path.getFirst("id");
        if (order != null && request.getUriInfo().getPath().contains("/orders/")) {
            MDC.put("order_id", order);
        }
    }
}
