package com.proign.shopify.orders.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.proign.shopify.orders.security.TenantPermissions;

import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How many of the tenant's order events the queue applied each hour, by how they came: Shopify's webhooks, or the
 * sync-service's pulls (history, reconciliation; their ids start {@code pull:}). Read from the deliveries already
 * applied (processed_delivery), which the queue keeps to skip redeliveries; every hour of the window is listed, the
 * oldest first, including those with none.
 */
@Path("/api/{tenant}/orders/stats/hourly")
@Produces(MediaType.APPLICATION_JSON)
public class ImportStatsResource {

    /** One hour (its start, UTC) and the order events applied in it. */
    public record Hour(OffsetDateTime hour, long webhook, long pull) {
    }

    public record HourlyImports(List<Hour> hours) {
    }

    private final Pool pool;

    public ImportStatsResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The last hours, the oldest first")
    @APIResponse(responseCode = "400", description = "hours is not from 1 to 168")
    public Uni<HourlyImports> hourly(@RestPath String tenant, @RestQuery @DefaultValue("24") @Min(1) @Max(168) int hours) {
        OffsetDateTime last = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime first = last.minusHours(hours - 1L);
        return pool.preparedQuery("""
                SELECT date_trunc('hour', processed_at AT TIME ZONE 'UTC') AS hour,
                       count(*) FILTER (WHERE webhook_id NOT LIKE 'pull:%') AS webhook,
                       count(*) FILTER (WHERE webhook_id LIKE 'pull:%') AS pull
                  FROM processed_delivery
                 WHERE tenant = $1 AND processed_at >= $2 AND topic LIKE 'orders/%'
                 GROUP BY 1""")
                .execute(Tuple.of(tenant, first))
                .map(rows -> {
                    Map<OffsetDateTime, Row> found = new HashMap<>();
                    for (Row row : rows) {
                        found.put(row.getLocalDateTime("hour").atOffset(ZoneOffset.UTC), row);
                    }
                    List<Hour> list = new ArrayList<>(hours);
                    for (OffsetDateTime hour = first; !hour.isAfter(last); hour = hour.plusHours(1)) {
                        Row row = found.get(hour);
                        list.add(new Hour(hour, row == null ? 0 : row.getLong("webhook"), row == null ? 0 : row.getLong("pull")));
                    }
                    return new HourlyImports(list);
                });
    }
}
