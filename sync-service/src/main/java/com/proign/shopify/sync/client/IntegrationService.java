package com.proign.shopify.sync.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** integration-service's internal endpoint: the tenant's store and a valid access token (this service's own token). */
@RegisterRestClient(configKey = "integration-service")
@Path("/internal/tenants")
public interface IntegrationService {

    @GET
    @Path("/{tenant}/shopify-access")
    Uni<ShopifyAccess> access(@PathParam("tenant") String tenant, @HeaderParam("Authorization") String authorization);
}
