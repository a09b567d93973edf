package com.proign.shopify.integration.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.client.AdminResponse;
import com.proign.shopify.integration.client.ShopifyAdminClient;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The warehouse as a fulfillment service of the store
 * (https://shopify.dev/docs/apps/build/orders-fulfillment/fulfillment-service-apps): registered once, whatever the
 * number of Saves (the id kept; without one, a service of the same name this app registered before is taken up),
 * kept up to date with the settings, and deleted on request only (its location holds the merchant's stock history).
 * No callback URL: requests are followed through the fulfillment_orders/* webhooks and the interval reconciliation
 * (the callback is optional since 2026-01), so that one path serves every mode and no public endpoint more is needed.
 */
@ApplicationScoped
public class FulfillmentServices {

    private static final Logger LOG = Logger.getLogger(FulfillmentServices.class);

    /** What the mode needs besides the fulfillment feature's scopes. */
    public static final List<String> SCOPES = List.of("write_fulfillments", "read_assigned_fulfillment_orders",
            "write_assigned_fulfillment_orders");

    /** The service as Shopify has it: its id, its location's id, its name. */
    public record Registered(long id, long locationId, String name) {
    }

    /** Shopify refused (a scope missing, a name taken): in its words. */
    public static class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final ShopifyAdminClient shopify;

    public FulfillmentServices(ShopifyAdminClient shopify) {
        this.shopify = shopify;
    }

    /**
     * Registers the service, or brings the one registered ({@code knownId}, or one of the same name) to the
     * settings.
     */
    public Uni<Registered> register(String shop, String token, Long knownId, String name, boolean inventoryManagement) {
        if (knownId != null) {
            return update(shop, token, knownId, name, inventoryManagement)
                    .chain(updated -> updated != null ? Uni.createFrom().item(updated)
                            : adoptOrCreate(shop, token, name, inventoryManagement));
        }
        return adoptOrCreate(shop, token, name, inventoryManagement);
    }

    private Uni<Registered> adoptOrCreate(String shop, String token, String name, boolean inventoryManagement) {
        return shopify.execute(shop, token, "FulfillmentServices", new JsonObject()).chain(answer -> {
            JsonObject data = data(answer, "shop");
            for (Object item : data.getJsonObject("shop").getJsonArray("fulfillmentServices", new JsonArray())) {
                JsonObject service = (JsonObject) item;
                if (name.equalsIgnoreCase(service.getString("serviceName"))) {
                    LOG.infof("%s: the fulfillment service %s registered before is taken up", shop, name);
                    return update(shop, token, legacyId(service.getString("id")), name, inventoryManagement);
                }
            }
            return shopify.execute(shop, token, "FulfillmentServiceCreate",
                    new JsonObject().put("name", name).put("inventoryManagement", inventoryManagement))
                    .map(created -> {
                        Registered registered = service(data(created, "fulfillmentServiceCreate")
                                .getJsonObject("fulfillmentServiceCreate"));
                        LOG.infof("%s: registered the fulfillment service %s (location %d)", shop, name, registered.locationId());
                        return registered;
                    });
        });
    }

    /** The service updated, or null when Shopify no longer has it (deleted in the admin). */
    private Uni<Registered> update(String shop, String token, long id, String name, boolean inventoryManagement) {
        return shopify.execute(shop, token, "FulfillmentServiceUpdate", new JsonObject()
                .put("id", "gid://shopify/FulfillmentService/" + id).put("name", name).put("inventoryManagement", inventoryManagement))
                .map(answer -> {
                    JsonObject payload = data(answer, "fulfillmentServiceUpdate").getJsonObject("fulfillmentServiceUpdate");
                    JsonArray errors = payload.getJsonArray("userErrors", new JsonArray());
                    if (!errors.isEmpty() && payload.getJsonObject("fulfillmentService") == null
                            && errors.getJsonObject(0).getString("message", "").contains("could not be found")) {
                        LOG.warnf("%s: the fulfillment service %d is gone from Shopify; registering it again", shop, id);
                        return null;
                    }
                    return service(payload);
                });
    }

    /** Deletes the service in Shopify, its location's stock kept there. */
    public Uni<Void> delete(String shop, String token, long id) {
        return shopify.execute(shop, token, "FulfillmentServiceDelete",
                new JsonObject().put("id", "gid://shopify/FulfillmentService/" + id))
                .invoke(answer -> {
                    JsonObject payload = data(answer, "fulfillmentServiceDelete").getJsonObject("fulfillmentServiceDelete");
                    JsonArray errors = payload.getJsonArray("userErrors", new JsonArray());
                    if (!errors.isEmpty()) {
                        throw new Refused("Shopify did not delete the fulfillment service: "
                                + errors.getJsonObject(0).getString("message"));
                    }
                    LOG.infof("%s: deleted the fulfillment service %d", shop, id);
                }).replaceWithVoid();
    }

    private static Registered service(JsonObject payload) {
        JsonArray errors = payload.getJsonArray("userErrors", new JsonArray());
        JsonObject service = payload.getJsonObject("fulfillmentService");
        if (service == null || !errors.isEmpty()) {
            throw new Refused(errors.isEmpty() ? "Shopify answered without the fulfillment service"
                    : "Shopify refused the fulfillment service: " + errors.getJsonObject(0).getString("message"));
        }
        return new Registered(legacyId(service.getString("id")),
                legacyId(service.getJsonObject("location").getString("id")), service.getString("serviceName"));
    }

    /** The answer's data holding {@code field}; Refused when Shopify answered with errors instead (a scope missing). */
    private static JsonObject data(AdminResponse answer, String field) {
        if (answer.data() == null || answer.data().getValue(field) == null) {
            String errors = answer.errors() == null ? "no data" : answer.errors().stream()
                    .map(e -> ((JsonObject) e).getString("message")).toList().toString();
            throw new Refused("Shopify refused " + field + ": " + errors + " (fulfillment-service mode needs the "
                    + String.join(", ", SCOPES) + " scopes)");
        }
        return answer.data();
    }

    private static long legacyId(String gid) {
        return Long.parseLong(gid.substring(gid.lastIndexOf('/') + 1));
    }
}
