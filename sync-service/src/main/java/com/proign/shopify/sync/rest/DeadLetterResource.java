package com.proign.shopify.sync.rest;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestQuery;

import com.proign.shopify.sync.DeadLetter;
import com.proign.shopify.sync.repository.DeadLetterRepository;
import com.proign.shopify.sync.repository.DeadLetterRepository.Filter;
import com.proign.shopify.sync.security.OperatorPermissions;
import com.proign.shopify.sync.service.DeadLetterReplay;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;

/**
 * The operators' view of this service's dead letters (role operator, no tenant): newest first, filtered by tenant,
 * reason (a part of it), time and whether replayed; and their replay, by id or by the same filters, each once.
 */
@Path("/ops/sync/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@PermissionsAllowed(OperatorPermissions.OPERATE)
public class DeadLetterResource {

    public record DeadLetterPage(List<DeadLetter> deadLetters, Long nextCursor) {
    }

    /** Which to replay: {@code ids}, or all that the filters select (at least a reason or a time range). */
    public record ReplayRequest(@Size(max = 1000) List<Long> ids, String tenant, String reason, OffsetDateTime from,
            OffsetDateTime to) {
    }

    public record ReplayAnswer(int replayed, List<DeadLetterReplay.Outcome> results) {
    }

    private final DeadLetterRepository deadLetters;
    private final DeadLetterReplay replay;

    public DeadLetterResource(DeadLetterRepository deadLetters, DeadLetterReplay replay) {
        this.deadLetters = deadLetters;
        this.replay = replay;
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of dead letters, newest first")
    @APIResponse(responseCode = "400", description = "A filter is invalid")
    public Uni<DeadLetterPage> list(@RestQuery String tenant, @RestQuery String reason, @RestQuery String from,
            @RestQuery String to, @RestQuery Boolean replayed, @RestQuery Long cursor,
            @RestQuery @DefaultValue("50") @Min(1) @Max(500) int limit) {
        Filter filter = new Filter(tenant, reason, time("from", from), time("to", to), replayed);
        return deadLetters.list(filter, cursor, limit + 1, DeadLetterReplay.DLQ_TOPIC).map(rows -> rows.size() <= limit
                ? new DeadLetterPage(rows, null)
                : new DeadLetterPage(rows.subList(0, limit), rows.get(limit - 1).id()));
    }

    @POST
    @Path("/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "What was sent again")
    @APIResponse(responseCode = "400", description = "Nothing selected, or a selection is invalid")
    public Uni<ReplayAnswer> replay(ReplayRequest request) {
        if (request == null || ((request.ids() == null || request.ids().isEmpty()) && request.reason() == null
                && request.from() == null && request.to() == null)) {
            throw HttpProblem.builder().withStatus(400).withTitle("Nothing selected")
                    .withDetail("name the dead letters (ids) or select them by reason or time (from, to); "
                            + "replaying every dead letter at once is not offered")
                    .build();
        }
        return replay.replay(request.ids(), new Filter(request.tenant(), request.reason(), request.from(), request.to(), false))
                .map(results -> new ReplayAnswer((int) results.stream().filter(r -> r.result().equals("replayed")).count(),
                        results));
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw HttpProblem.builder().withStatus(400).withTitle("Invalid query")
                    .withDetail(field + " must be a time with offset, e.g. 2026-12-01T00:00:00Z").with("field", field).build();
        }
    }
}
