package com.proign.shopify.sync.inventory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import com.proign.shopify.sync.security.TenantPermissions;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

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

    private static final Logger LOG = Logger.getLogger(InventoryResource.class);
    static final int MAX_LEVELS = 250;

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

    private final Pool pool;
    private final InventoryPush push;

    public InventoryResource(Pool pool, InventoryPush push) {
        this.pool = pool;
        this.push = push;
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
        Map<String, Integer> wanted = validate(request);
        return pool.preparedQuery("""
                SELECT connection_status, inventory_sync, fulfillment_location_id FROM tenant_settings WHERE tenant = $1""")
                .execute(Tuple.of(tenant)).chain(found -> {
                    Row settings = found.size() == 0 ? null : found.iterator().next();
                    if (settings == null || !"connected".equals(settings.getString("connection_status"))) {
                        throw conflict("Not connected", "tenant " + tenant + " has no Shopify store connected");
                    }
                    if (!settings.getBoolean("inventory_sync")) {
                        throw conflict("Inventory sync is off", "turn inventory_sync on in the integration settings "
                                + "(PUT /api/" + tenant + "/integrations/shopify/settings) to send stock to Shopify");
                    }
                    Long location = settings.getLong("fulfillment_location_id");
                    if (location == null) {
                        throw conflict("No fulfillment location", "set fulfillment_location_id in the integration "
                                + "settings: stock is set at the warehouse's location");
                    }
                    return items(tenant, wanted.keySet()).chain(items -> {
                        List<Rejected> rejected = rejected(tenant, wanted, items);
                        Map<String, Integer> known = new LinkedHashMap<>(wanted);
                        rejected.forEach(r -> known.remove(r.sku()));
                        if (known.isEmpty()) {
                            throw HttpProblem.builder().withStatus(422).withTitle("No SKU of the store")
                                    .withDetail(rejected.size() == 1 ? rejected.get(0).message()
                                            : "none of the SKUs is one of a single variant of the store's catalogue; "
                                                    + "each line says why")
                                    .with("field", "levels").with("rejected", rejected).build();
                        }
                        return store(tenant, location, known, items.single()).map(levels -> new Accepted(levels.size(),
                                levels, rejected));
                    });
                })
                .call(() -> {
                    // sent right away rather than at the next tick; the schedule retries whatever this does not finish
                    push.pushDue().subscribe().with(n -> { }, e -> LOG.debugf("inventory push after a change: %s", e.getMessage()));
                    return Uni.createFrom().voidItem();
                })
                .map(accepted -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, accepted).build());
    }

    /** The lines whose SKU no variant of the catalogue has, or several have, in the request's order. */
    private static List<Rejected> rejected(String tenant, Map<String, Integer> wanted, Items items) {
        List<Rejected> rejected = new ArrayList<>();
        int index = 0;
        for (String sku : wanted.keySet()) {
            if (items.ambiguous().contains(sku)) {
                rejected.add(new Rejected(index, sku, "ambiguous_sku", "several variants of the store share SKU " + sku
                        + "; give each its own SKU in Shopify"));
            } else if (!items.single().containsKey(sku)) {
                rejected.add(new Rejected(index, sku, "unknown_sku", "the store's catalogue has no variant with SKU " + sku
                        + " (products are pulled on connect and on POST /api/" + tenant + "/sync/shopify/products)"));
            }
            index++;
        }
        return rejected;
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

    /** The catalogue's inventory item of each SKU that one variant has, and the SKUs that several share. */
    private record Items(Map<String, Long> single, Set<String> ambiguous) {
    }

    private Uni<Items> items(String tenant, Set<String> skus) {
        return pool.preparedQuery("SELECT sku, inventory_item_id FROM inventory_item WHERE tenant = $1 AND sku = ANY($2)")
                .execute(Tuple.of(tenant, skus.toArray(new String[0]))).map(rows -> {
                    Map<String, Long> items = new HashMap<>();
                    Set<String> ambiguous = new HashSet<>();
                    for (Row row : rows) {
                        if (items.put(row.getString("sku"), row.getLong("inventory_item_id")) != null) {
                            ambiguous.add(row.getString("sku"));
                        }
                    }
                    ambiguous.forEach(items::remove);
                    return new Items(items, ambiguous);
                });
    }

    private Uni<List<LevelView>> store(String tenant, long location, Map<String, Integer> wanted, Map<String, Long> items) {
        List<Tuple> rows = new ArrayList<>();
        wanted.forEach((sku, available) -> rows.add(Tuple.of(tenant, items.get(sku), location, available)));
        // a request in flight (push_key) keeps its parameters; the new quantity goes after it
        return pool.withTransaction(connection -> connection.preparedQuery("""
                INSERT INTO inventory_level (tenant, inventory_item_id, location_id, warehouse_available, warehouse_set_at,
                                             push_state, next_attempt_at, updated_at)
                VALUES ($1, $2, $3, $4, now(), 'pending', now(), now())
                ON CONFLICT (tenant, inventory_item_id, location_id) DO UPDATE
                  SET warehouse_available = excluded.warehouse_available, warehouse_set_at = now(), push_state = 'pending',
                      push_error = NULL, next_attempt_at = CASE WHEN inventory_level.push_key IS NULL THEN now()
                                                                ELSE inventory_level.next_attempt_at END,
                      push_attempts = CASE WHEN inventory_level.push_key IS NULL THEN 0 ELSE inventory_level.push_attempts END,
                      updated_at = now()""").executeBatch(rows))
                .chain(() -> list(tenant, new ArrayList<>(wanted.keySet()), null, null, null, MAX_LEVELS))
                .map(LevelPage::levels);
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "A page of the tenant's levels")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public Uni<LevelPage> levels(@RestPath String tenant, @RestQuery String sku, @RestQuery("push_state") String pushState,
            @RestQuery("shopify_changed_since") String changedSince, @RestQuery Long after,
            @RestQuery @DefaultValue("100") @Min(1) @Max(500) int limit) {
        if (pushState != null && !Set.of("idle", "pending", "failed").contains(pushState)) {
            throw field("push_state", "must be one of idle, pending, failed");
        }
        OffsetDateTime since = null;
        if (changedSince != null) {
            try {
                since = OffsetDateTime.parse(changedSince);
            } catch (java.time.format.DateTimeParseException e) {
                throw field("shopify_changed_since", "must be a time with offset (2026-09-01T00:00:00Z), not " + changedSince);
            }
        }
        return list(tenant, sku == null ? null : List.of(sku), pushState, since, after, limit);
    }

    private Uni<LevelPage> list(String tenant, List<String> skus, String pushState, OffsetDateTime since, Long after, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenant));
        StringBuilder where = new StringBuilder("l.tenant = $1");
        if (skus != null) {
            params.add(skus.toArray(new String[0]));
            where.append(" AND i.sku = ANY($").append(params.size()).append(')');
        }
        if (pushState != null) {
            params.add(pushState);
            where.append(" AND l.push_state = $").append(params.size());
        }
        if (since != null) {
            params.add(since);
            where.append(" AND l.shopify_changed_at >= $").append(params.size());
        }
        if (after != null) {
            params.add(after);
            where.append(" AND l.inventory_item_id > $").append(params.size());
        }
        params.add(limit + 1);
        return pool.preparedQuery("""
                SELECT i.sku, l.inventory_item_id, l.location_id, l.warehouse_available, l.warehouse_set_at,
                       l.shopify_available, l.shopify_seen_at, l.shopify_changed_at, l.push_state, l.push_error,
                       l.push_attempts, l.last_pushed_at
                  FROM inventory_level l
                  LEFT JOIN inventory_item i ON i.tenant = l.tenant AND i.inventory_item_id = l.inventory_item_id
                 WHERE\s""" + where + " ORDER BY l.inventory_item_id, l.location_id LIMIT $" + params.size())
                .execute(Tuple.from(params)).map(rows -> {
                    List<LevelView> views = new ArrayList<>();
                    for (Row row : rows) {
                        views.add(new LevelView(row.getString("sku"), row.getLong("inventory_item_id"),
                                row.getLong("location_id"), row.getInteger("warehouse_available"),
                                row.getOffsetDateTime("warehouse_set_at"), row.getInteger("shopify_available"),
                                row.getOffsetDateTime("shopify_seen_at"), row.getOffsetDateTime("shopify_changed_at"),
                                row.getString("push_state"), row.getString("push_error"), row.getInteger("push_attempts"),
                                row.getOffsetDateTime("last_pushed_at")));
                    }
                    boolean more = views.size() > limit;
                    List<LevelView> page = more ? views.subList(0, limit) : views;
                    return new LevelPage(List.copyOf(page), more ? page.get(page.size() - 1).inventoryItemId() : null);
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
