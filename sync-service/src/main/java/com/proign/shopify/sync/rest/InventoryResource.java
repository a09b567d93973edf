package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.proign.shopify.sync.inventory.InventoryRepository;
import com.proign.shopify.sync.inventory.LevelRow;
import com.proign.shopify.sync.inventory.PushState;
import com.proign.shopify.sync.inventory.StockLevels;
import com.proign.shopify.sync.security.TenantPermissions;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * Inventory both ways, for the warehouse: {@code PUT /api/{tenant}/inventory/levels} sets the available quantity
 * of SKUs at the store's fulfillment location (202: accepted, sent to Shopify by InventoryPush), and
 * {@code GET} shows each level as the warehouse set it and as Shopify has it, with what Shopify changed itself
 * ({@code shopify_changed_since}) and what could not be sent ({@code push_state=failed}). Inventory sync must be on
 * in the integration settings; SKUs are those of the store's catalogue (pulled on connect and kept by
 * products/update).
 */
@Path("/api/{tenant}/inventory/levels")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

    private static final int MAX_LEVELS = StockLevels.MAX_LEVELS;

    /** One quantity to set. */
    public record LevelChange(String sku, Integer available) {
    }

    public record SetLevels(List<LevelChange> levels) {
    }

    /** A level as the API shows it. */
    public record LevelView(String sku, long inventoryItemId, long locationId, Integer warehouseAvailable,
            OffsetDateTime warehouseSetAt, Integer shopifyAvailable, OffsetDateTime shopifySeenAt,
            OffsetDateTime shopifyChangedAt, String pushState, String pushError, int pushAttempts,
            OffsetDateTime lastPushedAt) {

        static LevelView of(InventoryRepository.Level level) {
            LevelRow row = level.row();
            return new LevelView(level.sku(), row.inventoryItemId(), row.locationId(), row.warehouseAvailable(),
                    row.warehouseSetAt(), row.shopifyAvailable(), row.shopifySeenAt(), row.shopifyChangedAt(),
                    row.pushState().name(), row.pushError(), row.pushAttempts(), row.lastPushedAt());
        }
    }

    /**
     * What a request did: the quantities accepted (each level as it is now) and, per line that could not be taken, its
     * place in the request, its SKU and why; the others were accepted all the same.
     */
    public record Accepted(int accepted, List<LevelView> levels, List<Rejected> rejected) {
    }

    /** A line of the request not taken: unknown_sku or ambiguous_sku, in words. */
    public record Rejected(int index, String sku, String reason, String message) {
    }

    public record LevelPage(List<LevelView> levels, Long nextAfter) {
    }

    private final StockLevels stock;
    private final InventoryRepository repository;

    public InventoryResource(StockLevels stock, InventoryRepository repository) {
        this.stock = stock;
        this.repository = repository;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.STOCK)
    @APIResponse(responseCode = "202", description = "Taken: the levels stored, sent to Shopify in the background; SKUs not taken are in rejected",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "The levels are missing or a line is invalid")
    @APIResponse(responseCode = "409", description = "No store connected, inventory sync off, or no fulfillment location set")
    @APIResponse(responseCode = "422", description = "None of the SKUs is one of the store's; each line says why")
    public Uni<RestResponse<Accepted>> set(@RestPath String tenant, SetLevels request) {
        return stock.set(tenant, validate(request)).map(outcome -> {
            List<Rejected> rejected = outcome.rejected().stream().map(r -> rejected(tenant, r)).toList();
            if (outcome.levels().isEmpty()) {
                throw HttpProblem.builder().withStatus(422).withTitle("No SKU of the store")
                        .withDetail(rejected.size() == 1 ? rejected.get(0).message()
                                : "none of the SKUs is one of a single variant of the store's catalogue; each line says why")
                        .with("field", "levels").with("rejected", rejected).build();
            }
            List<LevelView> levels = outcome.levels().stream().map(LevelView::of).toList();
            return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, new Accepted(levels.size(), levels, rejected))
                    .build();
        }).onFailure(StockLevels.RefusedException.class).transform(e -> refusal(tenant, ((StockLevels.RefusedException) e).refusal()));
    }

    private static HttpProblem refusal(String tenant, StockLevels.Refusal refusal) {
        return switch (refusal) {
            case not_connected -> conflict("Not connected", "tenant " + tenant + " has no Shopify store connected");
            case inventory_sync_off -> conflict("Inventory sync is off", "turn inventory_sync on in the integration settings "
                    + "(PUT /api/" + tenant + "/integrations/shopify/settings) to send stock to Shopify");
            case no_location -> conflict("No fulfillment location", "set fulfillment_location_id in the integration "
                    + "settings: stock is set at the warehouse's location");
        };
    }

    /** A line not taken, in words. */
    private static Rejected rejected(String tenant, StockLevels.Rejected line) {
        String message = line.reason().equals("ambiguous_sku")
                ? "several variants of the store share SKU " + line.sku() + "; give each its own SKU in Shopify"
                : "the store's catalogue has no variant with SKU " + line.sku()
                        + " (products are pulled on connect and on POST /api/" + tenant + "/sync/shopify/products)";
        return new Rejected(line.index(), line.sku(), line.reason(), message);
    }

    private static Map<String, Integer> validate(SetLevels request) {
        if (request == null || request.levels() == null || request.levels().isEmpty()) {
            throw field("levels", "is required: a list of {\"sku\", \"available\"}, at most " + MAX_LEVELS);
        }
        if (request.levels().size() > MAX_LEVELS) {
            throw field("levels", "holds at most " + MAX_LEVELS + " quantities per request, not " + request.levels().size());
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < request.levels().size(); i++) {
            LevelChange change = request.levels().get(i);
            if (change == null || change.sku() == null || change.sku().isBlank()) {
                throw field("levels[" + i + "].sku", "is required");
            }
            if (change.available() == null || change.available() < 0 || change.available() > 1_000_000_000) {
                throw field("levels[" + i + "].available", "must be a whole number from 0 to 1000000000");
            }
            if (wanted.put(change.sku(), change.available()) != null) {
                throw field("levels[" + i + "].sku", "SKU " + change.sku() + " appears twice");
            }
        }
        return wanted;
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "A page of the tenant's levels")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public Uni<LevelPage> levels(@RestPath String tenant, @RestQuery String sku, @RestQuery("push_state") String pushState,
            @RestQuery("shopify_changed_since") String changedSince, @RestQuery Long after,
            @RestQuery @DefaultValue("100") @Min(1) @Max(500) int limit) {
        PushState state = null;
        if (pushState != null) {
            try {
                state = PushState.valueOf(pushState);
            } catch (IllegalArgumentException e) {
                throw field("push_state", "must be one of idle, pending, failed");
            }
        }
        OffsetDateTime since = null;
        if (changedSince != null) {
            try {
                since = OffsetDateTime.parse(changedSince);
            } catch (java.time.format.DateTimeParseException e) {
                throw field("shopify_changed_since", "must be a time with offset (2026-09-01T00:00:00Z), not " + changedSince);
            }
        }
        return repository.levels(tenant, new InventoryRepository.LevelQuery(sku == null ? null : List.of(sku), state, since,
                after, limit + 1)).map(found -> {
                    List<LevelView> views = found.stream().map(LevelView::of).toList();
                    boolean more = views.size() > limit;
                    List<LevelView> page = more ? views.subList(0, limit) : views;
                    return new LevelPage(page, more ? page.get(page.size() - 1).inventoryItemId() : null);
                });
    }

    private static HttpProblem conflict(String title, String detail) {
        return HttpProblem.builder().withStatus(409).withTitle(title).withDetail(detail).build();
    }

    private static HttpProblem field(String field, String message) {
        return HttpProblem.builder().withStatus(400).withTitle("Bad Request").withDetail(field + ": " + message)
                .with("field", field).build();
    }
}
