package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;
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

import com.proign.shopify.sync.fulfillment.FulfillmentSyncRepository;
import com.proign.shopify.sync.inventory.InventoryRepository;
import com.proign.shopify.sync.job.SyncJob;
import com.proign.shopify.sync.job.SyncJobRepository;
import com.proign.shopify.sync.log.SyncLog;
import com.proign.shopify.sync.pull.TenantSyncState;
import com.proign.shopify.sync.pull.TenantSyncStateRepository;
import com.proign.shopify.sync.rest.SyncStatus.LogEntry;
import com.proign.shopify.sync.security.TenantPermissions;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

@Path("/api/{tenant}/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    /** A page of the log, newest first; {@code next_before} continues it. */
    public record LogPage(List<LogEntry> logs, Long nextBefore) {
    }

    private final TenantSettingsRepository settings;
    private final TenantSyncStateRepository states;
    private final SyncJobRepository jobs;
    private final FulfillmentSyncRepository fulfillments;
    private final InventoryRepository inventory;
    private final SyncLog syncLog;

    public SyncStatusResource(TenantSettingsRepository settings, TenantSyncStateRepository states, SyncJobRepository jobs,
            FulfillmentSyncRepository fulfillments, InventoryRepository inventory, SyncLog syncLog) {
        this.settings = settings;
        this.states = states;
        this.jobs = jobs;
        this.fulfillments = fulfillments;
        this.inventory = inventory;
        this.syncLog = syncLog;
    }

    @GET
    @Path("/status")
    @PermissionsAllowed(TenantPermissions.READ)
    @WithSession
    public Uni<SyncStatus> status(@RestPath String tenant) {
        // the session's reads one after another (a session is not shared by concurrent queries); the pool's at once
        return settings.find(tenant).chain(found -> states.find(tenant).chain(state -> jobs.newest(tenant, 10)
                .chain(recent -> fulfillments.counts(tenant).chain(counts -> Uni.combine().all().unis(
                        syncLog.last(tenant, SyncLog.Level.error, SyncLog.Kind.fulfillment), inventory.summary(tenant),
                        syncLog.last(tenant, SyncLog.Level.error, null))
                        .with((lastFailure, summary, lastError) ->
                                status(tenant, found, state, recent, counts, lastFailure, summary, lastError))))));
    }

    private static SyncStatus status(String tenant, TenantSettings settings, TenantSyncState state, List<SyncJob> jobs,
            FulfillmentSyncRepository.Counts fulfillments, SyncLog.Entry lastFailure, InventoryRepository.Summary inventory,
            SyncLog.Entry lastError) {
        int interval = settings == null ? 60 : settings.autoSyncIntervalMinutes;
        boolean connected = settings != null && settings.connected();
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
                new SyncStatus.Fulfillments(fulfillments.pending(), fulfillments.failed(), fulfillments.syncedLast24h(),
                        LogEntry.of(lastFailure)),
                settings == null ? new SyncStatus.Webhooks(null, null, null, 0, null)
                        : new SyncStatus.Webhooks(settings.webhooksStatus, settings.webhooksCheckedAt,
                                settings.webhooksRestoredAt, settings.webhooksRestoredCount, settings.webhooksError),
                new SyncStatus.Inventory(settings != null && settings.inventorySync, inventory.items(), inventory.pending(),
                        inventory.failed(), inventory.lastPushedAt(), inventory.lastShopifyChangeAt()),
                settings == null ? List.of() : TenantSettings.Feature.parse(settings.features),
                LogEntry.of(lastError));
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
        return syncLog.newest(tenant, parse("level", level, SyncLog.Level.class), parse("kind", kind, SyncLog.Kind.class),
                before, limit + 1).map(entries -> {
                    boolean more = entries.size() > limit;
                    List<LogEntry> page = (more ? entries.subList(0, limit) : entries).stream().map(LogEntry::of).toList();
                    return new LogPage(page, more ? page.get(page.size() - 1).id() : null);
                });
    }

    private static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return e;
            }
        }
        throw HttpProblem.builder().withStatus(400).withTitle("Bad Request")
                .withDetail(field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()))
                .with("field", field).build();
    }
}
