package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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

import com.proign.shopify.sync.TenantSyncState;
import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.pull.JobView;
import com.proign.shopify.sync.pull.SyncJob;
import com.proign.shopify.sync.rest.SyncStatus.LogEntry;
import com.proign.shopify.sync.security.TenantPermissions;
import com.proign.shopify.sync.settings.TenantSettings;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@Path("/api/{tenant}/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    /** A page of the log, newest first; {@code next_before} continues it. */
    public record LogPage(List<LogEntry> logs, Long nextBefore) {
    }

    private final Pool pool;

    public SyncStatusResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Path("/status")
    @PermissionsAllowed(TenantPermissions.READ)
    public Uni<SyncStatus> status(@RestPath String tenant) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.find(TenantSettings.class, tenant)
                .chain(settings -> session.find(TenantSyncState.class, tenant).chain(state -> session
                        .createQuery("from SyncJob where tenant = :tenant order by createdAt desc", SyncJob.class)
                        .setParameter("tenant", tenant).setMaxResults(10).getResultList()
                        .map(jobs -> new Object[] { settings, state, jobs })))))
                .chain(found -> fulfillments(tenant).chain(fulfillments -> inventory(tenant,
                        found[0] != null && ((TenantSettings) found[0]).inventorySync).chain(inventory -> lastLog(tenant, "level = 'error'").map(lastError -> {
                    TenantSettings settings = (TenantSettings) found[0];
                    TenantSyncState state = (TenantSyncState) found[1];
                    @SuppressWarnings("unchecked")
                    List<SyncJob> jobs = (List<SyncJob>) found[2];
                    int interval = settings == null ? 60 : settings.autoSyncIntervalMinutes;
                    boolean connected = settings != null && "connected".equals(settings.connectionStatus);
                    OffsetDateTime next = !connected ? null
                            : state == null || state.lastPassStarted == null ? OffsetDateTime.now()
                            : state.lastPassStarted.plusMinutes(interval);
                    SyncStatus.Reconciliation reconciliation = new SyncStatus.Reconciliation(interval,
                            state == null ? null : state.ordersWatermark, state == null ? null : state.lastPassStarted,
                            state == null ? null : state.lastPassFinished, state == null ? null : state.lastPassOrders,
                            state == null ? null : state.lastError, next);
                    return new SyncStatus(tenant, settings == null ? "not_connected" : settings.connectionStatus,
                            settings == null ? null : settings.shopDomain, reconciliation,
                            jobs.stream().filter(j -> !j.finished()).map(JobView::of).toList(),
                            jobs.stream().filter(SyncJob::finished).limit(5).map(JobView::of).toList(),
                            fulfillments, settings == null ? new SyncStatus.Webhooks(null, null, null, 0, null)
                                    : new SyncStatus.Webhooks(settings.webhooksStatus, settings.webhooksCheckedAt,
                                            settings.webhooksRestoredAt, settings.webhooksRestoredCount, settings.webhooksError),
                            inventory, settings == null ? List.of() : TenantSettings.Feature.parse(settings.features),
                            lastError);
                }))));
    }

    /**
     * The sync's log for the tenant, newest first: {@code level} (info, warn, error) and {@code kind} (job,
     * reconcile, fulfillment, inventory, webhooks) filter it, {@code before} (an entry id) pages through it.
     */
    @GET
    @Path("/logs")
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The newest entries first")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public Uni<LogPage> logs(@RestPath String tenant, @RestQuery String level, @RestQuery String kind,
            @RestQuery Long before, @RestQuery @DefaultValue("50") @Min(1) @Max(200) int limit) {
        List<Object> params = new ArrayList<>(List.of(tenant));
        StringBuilder where = new StringBuilder("tenant = $1");
        if (level != null) {
            check("level", level, SyncLog.Level.values());
            params.add(level);
            where.append(" AND level = $").append(params.size());
        }
        if (kind != null) {
            check("kind", kind, SyncLog.Kind.values());
            params.add(kind);
            where.append(" AND kind = $").append(params.size());
        }
        if (before != null) {
            params.add(before);
            where.append(" AND id < $").append(params.size());
        }
        params.add(limit + 1);
        return pool.preparedQuery("SELECT id, at, level, kind, message, ref FROM sync_log WHERE " + where
                + " ORDER BY id DESC LIMIT $" + params.size()).execute(Tuple.from(params)).map(rows -> {
                    List<LogEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(entry(row));
                    }
                    boolean more = entries.size() > limit;
                    List<LogEntry> page = more ? entries.subList(0, limit) : entries;
                    return new LogPage(List.copyOf(page), more ? page.get(page.size() - 1).id() : null);
                });
    }

    private Uni<SyncStatus.Fulfillments> fulfillments(String tenant) {
        return pool.preparedQuery("""
                SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE status = 'synced' AND updated_at > now() - interval '24 hours') AS synced
                  FROM fulfillment_sync WHERE tenant = $1""").execute(Tuple.of(tenant))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    return lastLog(tenant, "kind = 'fulfillment' AND level = 'error'").map(last -> new SyncStatus.Fulfillments(
                            row.getLong("pending"), row.getLong("failed"), row.getLong("synced"), last));
                });
    }

    private Uni<SyncStatus.Inventory> inventory(String tenant, boolean enabled) {
        return pool.preparedQuery("""
                SELECT (SELECT count(*) FROM inventory_item WHERE tenant = $1) AS items,
                       count(*) FILTER (WHERE push_state = 'pending') AS pending,
                       count(*) FILTER (WHERE push_state = 'failed') AS failed,
                       max(last_pushed_at) AS last_pushed, max(shopify_changed_at) AS last_changed
                  FROM inventory_level WHERE tenant = $1""").execute(Tuple.of(tenant))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new SyncStatus.Inventory(enabled, row.getLong("items"), row.getLong("pending"), row.getLong("failed"),
                            row.getOffsetDateTime("last_pushed"), row.getOffsetDateTime("last_changed"));
                });
    }

    private Uni<LogEntry> lastLog(String tenant, String condition) {
        return pool.preparedQuery("SELECT id, at, level, kind, message, ref FROM sync_log WHERE tenant = $1 AND " + condition
                + " ORDER BY id DESC LIMIT 1").execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
    }

    private static LogEntry entry(Row row) {
        return new LogEntry(row.getLong("id"), row.getOffsetDateTime("at"), row.getString("level"), row.getString("kind"),
                row.getString("message"), row.getString("ref"));
    }

    private static void check(String field, String value, Enum<?>[] allowed) {
        for (Enum<?> e : allowed) {
            if (e.name().equals(value)) {
                return;
            }
        }
        throw HttpProblem.builder().withStatus(400).withTitle("Bad Request")
                .withDetail(field + " must be one of " + java.util.Arrays.toString(allowed)).with("field", field).build();
    }
}
