package com.proign.shopify.sync.rest;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every log line of a request names its tenant (and the job, for /sync/jobs/{id}): the MDC, which the JSON log
 * format writes with each line (and which lives in the request's Vert.x context, so it follows the request). The
 * job runner names the same job_id on the lines of the job itself.
 */
public class LogContext {

    @ServerRequestFilter
    public void tenantAndJob(ContainerRequestContext request) {
        var path = request.getUriInfo().getPathParameters();
        String tenant = path.getFirst("tenant");
        if (tenant != null) {
            MDC.put("tenant", tenant);
        }
        String job = path.getFirst("id");
        if (job != null && request.getUriInfo().getPath().contains("/sync/jobs/")) {
            MDC.put("job_id", job);
        }
    }
}
