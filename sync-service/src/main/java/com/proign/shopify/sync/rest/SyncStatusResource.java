package com.proign.shopify.sync.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.sync.repository.TenantSyncStateRepository;
import com.proign.shopify.sync.security.TenantPermissions;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

@Path("/api/{tenant}/sync/status")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    private final TenantSyncStateRepository states;

    public SyncStatusResource(TenantSyncStateRepository states) {
        this.states = states;
    }

    @GET
    @WithSession
    @PermissionsAllowed(TenantPermissions.READ)
    public Uni<SyncStatus> status(@RestPath String tenant) {
        return states.findById(tenant).map(state -> SyncStatus.of(tenant, state));
    }
}
