package com.proign.shopify.standin.rest;

import java.nio.file.Files;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.proign.shopify.standin.store.BulkOperation;
import com.proign.shopify.standin.store.StoreRegistry;

/** A completed bulk operation's JSONL, at the url the operation reports (Shopify serves it from storage, no token). */
@Path("/_sim/bulk/{domain}/{id}.jsonl")
public class BulkResultResource {

    private final StoreRegistry stores;

    public BulkResultResource(StoreRegistry stores) {
        this.stores = stores;
    }

    @GET
    public Response result(@RestPath String domain, @RestPath long id) {
        BulkOperation operation = stores.byDomain(domain).map(s -> s.bulkOperations().get(id)).orElse(null);
        if (operation == null || operation.file() == null || !Files.exists(operation.file())) {
            return Response.status(404).entity(Map.of("error", "no result for bulk operation " + id)).build();
        }
        return Response.ok(operation.file().toFile(), "application/jsonl").build();
    }
}
