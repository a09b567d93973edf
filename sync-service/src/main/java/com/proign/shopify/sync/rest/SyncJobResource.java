package com.proign.shopify.sync.rest;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import com.proign.shopify.sync.config.SyncConfig;
import com.proign.shopify.sync.job.JobKind;
import com.proign.shopify.sync.job.JobMode;
import com.proign.shopify.sync.job.SyncJob;
import com.proign.shopify.sync.job.SyncJobRepository;
import com.proign.shopify.sync.pull.OrderStatusFilter;
import com.proign.shopify.sync.security.TenantPermissions;
import com.proign.shopify.sync.settings.TenantSettings;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * Manual sync (the seed's "Sync now"): {@code POST /api/{tenant}/sync/shopify} with {@code from_date},
 * {@code to_date} and {@code status} answers 202 with the job at once; the job runs in the background (JobRunner)
 * and is followed on {@code GET .../sync/jobs/{id}}, cancelled with {@code POST .../sync/jobs/{id}/cancel}.
 */
@Path("/api/{tenant}/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncJobResource {

    private final SyncJobRepository jobs;
    private final TenantSettingsRepository settings;
    private final long bulkAboveDays;

    public SyncJobResource(SyncJobRepository jobs, TenantSettingsRepository settings, SyncConfig config) {
        this.jobs = jobs;
        this.settings = settings;
        this.bulkAboveDays = config.jobs().bulkAboveDays();
    }

    /**
     * from_date and to_date: a date (2026-09-01) or a time with offset; status: any (default), open, closed, cancelled,
     * unfulfilled, partially_fulfilled, fulfilled, unpaid or paid (OrderStatusFilter).
     */
    public record SyncRequest(String fromDate, String toDate, String status) {
    }

    @POST
    @Path("/shopify")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "202", description = "The job, queued; follow it at its Location",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "A date or the status is missing or invalid")
    @APIResponse(responseCode = "409", description = "The tenant has no store connected")
    @WithTransaction
    public Uni<RestResponse<JobView>> start(@RestPath String tenant, SyncRequest request) {
        if (request == null) {
            throw field("from_date", "is required: send from_date and to_date (2026-09-01), and optionally status");
        }
        OffsetDateTime from = time("from_date", request.fromDate(), false);
        OffsetDateTime to = request.toDate() == null ? OffsetDateTime.now(ZoneOffset.UTC) : time("to_date", request.toDate(), true);
        if (!from.isBefore(to)) {
            throw field("to_date", "must be after from_date");
        }
        if (to.isAfter(OffsetDateTime.now().plusDays(1))) {
            throw field("to_date", "must not be in the future");
        }
        OrderStatusFilter status = request.status() == null ? OrderStatusFilter.any
                : OrderStatusFilter.parse(request.status()).orElseThrow(() -> field("status", "must be one of "
                        + OrderStatusFilter.names() + " (the order status to pull; any when omitted)"));
        JobMode mode = Duration.between(from, to).toDays() > bulkAboveDays ? JobMode.bulk : JobMode.paged;
        return connected(tenant).chain(connected -> jobs.queueOrders(tenant, from, to, status.name(),
                connected.orderStatusFilter, mode))
                .map(job -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, JobView.of(job))
                        .location(URI.create("/api/" + tenant + "/sync/jobs/" + job.id)).build());
    }

    /**
     * Pulls the store's whole catalogue (products, variants, SKUs and inventory items) into the products path:
     * 202 with the job. A product pull already queued or running is answered instead of starting a second one.
     */
    @POST
    @Path("/shopify/products")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "202", description = "The product pull, queued (or the one already queued or running)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "409", description = "The tenant has no store connected")
    @WithTransaction
    public Uni<RestResponse<JobView>> pullProducts(@RestPath String tenant) {
        return connected(tenant).chain(connected -> jobs.queueProducts(tenant, JobKind.manual))
                .map(job -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, JobView.of(job))
                        .location(URI.create("/api/" + tenant + "/sync/jobs/" + job.id)).build());
    }

    @GET
    @Path("/jobs")
    @PermissionsAllowed(TenantPermissions.READ)
    @WithSession
    public Uni<List<JobView>> jobs(@RestPath String tenant) {
        return jobs.newest(tenant, 50).map(found -> found.stream().map(JobView::of).toList());
    }

    @GET
    @Path("/jobs/{id}")
    @PermissionsAllowed(TenantPermissions.READ)
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "The tenant has no such job")
    @WithSession
    public Uni<JobView> job(@RestPath String tenant, @RestPath UUID id) {
        return find(tenant, id).map(JobView::of);
    }

    @POST
    @Path("/jobs/{id}/cancel")
    @PermissionsAllowed(TenantPermissions.MANAGE)
    @APIResponse(responseCode = "202", description = "Cancellation asked; the job stops at its next page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "404", description = "The tenant has no such job")
    @APIResponse(responseCode = "409", description = "The job has finished already")
    @WithTransaction
    public Uni<RestResponse<JobView>> cancel(@RestPath String tenant, @RestPath UUID id) {
        return find(tenant, id).invoke(job -> {
            if (job.finished()) {
                throw HttpProblem.builder().withStatus(409).withTitle("Job finished")
                        .withDetail("job " + id + " is " + job.status + " already").build();
            }
            job.requestCancel();
        }).map(job -> RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, JobView.of(job)).build());
    }

    /** The tenant's settings when its store is connected; a 409 otherwise. */
    private Uni<TenantSettings> connected(String tenant) {
        return settings.connected(tenant).map(connected -> {
            if (connected == null) {
                throw HttpProblem.builder().withStatus(409).withTitle("Not connected")
                        .withDetail("tenant " + tenant + " has no Shopify store connected").build();
            }
            return connected;
        });
    }

    private Uni<SyncJob> find(String tenant, UUID id) {
        return jobs.find(tenant, id).map(job -> {
            if (job == null) {
                throw HttpProblem.builder().withStatus(404).withTitle("Job not found")
                        .withDetail("tenant " + tenant + " has no sync job " + id).build();
            }
            return job;
        });
    }

    private static OffsetDateTime time(String field, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            throw field(field, "is required, a date (2026-09-01) or a time with offset (2026-09-01T00:00:00Z)");
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw field(field, "must be a date (2026-09-01) or a time with offset (2026-09-01T00:00:00Z), not " + value);
        }
    }

    private static HttpProblem field(String field, String message) {
        return HttpProblem.builder().withStatus(400).withTitle("Bad Request").withDetail(field + ": " + message)
                .with("field", field).build();
    }
}
