package com.proign.shopify.orders.rest;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.proign.shopify.orders.repository.PrivacyRepository;
import com.proign.shopify.orders.security.TenantPermissions;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * The customers' privacy requests, for the tenant's owner: what Shopify's privacy webhooks asked and what the queue
 * erased (without the data), and the data exports of customers/data_request to hand to the merchant.
 */
@Path("/api/{tenant}/privacy")
@Produces(MediaType.APPLICATION_JSON)
public class PrivacyResource {

    public record PrivacyRequests(List<PrivacyRepository.RequestRecord> requests) {
    }

    public record DataExports(List<PrivacyRepository.ExportSummary> exports) {
    }

    private final PrivacyRepository privacy;

    public PrivacyResource(PrivacyRepository privacy) {
        this.privacy = privacy;
    }

    @GET
    @Path("/requests")
    @PermissionsAllowed(TenantPermissions.OWN)
    @APIResponse(responseCode = "200", description = "The privacy requests and retention passes, newest first")
    @APIResponse(responseCode = "400", description = "limit is not from 1 to 500")
    public Uni<PrivacyRequests> requests(@RestPath String tenant, @RestQuery @DefaultValue("100") @Min(1) @Max(500) int limit) {
        return privacy.requests(tenant, limit).map(PrivacyRequests::new);
    }

    @GET
    @Path("/data-requests")
    @PermissionsAllowed(TenantPermissions.OWN)
    @APIResponse(responseCode = "200", description = "The customers' data exports still kept, newest first")
    public Uni<DataExports> exports(@RestPath String tenant) {
        return privacy.exports(tenant).map(DataExports::new);
    }

    @GET
    @Path("/data-requests/{id}")
    @PermissionsAllowed(TenantPermissions.OWN)
    @APIResponse(responseCode = "200", description = "The customer's data the queue holds, as JSON",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "404", description = "The tenant has no such export, or it expired")
    public Uni<Response> export(@RestPath String tenant, @RestPath UUID id) {
        return privacy.exportDocument(tenant, id).map(document -> Response.ok(document.orElseThrow(() -> HttpProblem.builder()
                .withStatus(404).withTitle("No such data export")
                .withDetail("the tenant has no data export " + id + ", or it expired").build()), MediaType.APPLICATION_JSON)
                // personal data: no cache keeps a copy
                .header("Cache-Control", "no-store").build());
    }
}
