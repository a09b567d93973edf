package com.proign.shopify.gateway.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;

/** integration-service's internal endpoint, called with this service's own token ({@link ServiceIdentity}). */
@RegisterRestClient(configKey = "integration-service")
@Path("/internal/shops")
public interface IntegrationServiceClient {

    @GET
    @Path("/{shopDomain}/webhook-secrets")
    Uni<ShopSecrets> webhookSecrets(@RestPath String shopDomain, @HeaderParam("Authorization") String authorization);
}
