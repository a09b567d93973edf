package com.proign.shopify.orders.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.orders.DeadLetter;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The dead-letter table. Operators read it across tenants by design (they are tenant-less: the operator role), so
 * the tenant is a filter here, not a scope.
 */
@ApplicationScoped
public class DeadLetterRepository {

    /** A dead letter to keep, as read from the topic. */
    public record Arrived(String topic, int partition, long offset, String tenant, String key, String sourceTopic,
            Integer sourcePartition, Long sourceOffset, String reason, String cause, OffsetDateTime at, JsonArray headers,
            byte[] body, String replayedFrom) {
    }

    /** What to list or replay: any of the fields may be null. */
    public record Filter(String tenant, String reason, OffsetDateTime from, OffsetDateTime to, Boolean replayed) {
    }

    /** A claimed dead letter with what is needed to publish it again. */
    public record Claimed(long id, String position, String tenant, String key, String sourceTopic, JsonArray headers,
            byte[] body) {
    }

    private static final String COLUMNS = "id, tenant, record_key, source_topic, source_partition, source_offset, reason, "
            + "cause, dead_lettered_at, body_size, replayed_from, replayed_at, dlq_partition, dlq_offset";

    private final Pool pool;

    public DeadLetterRepository(Pool pool) {
        this.pool = pool;
    }

    /** Keeps one dead letter; a redelivery of the same topic position changes nothing. */
    public Uni<Void> keep(Arrived d) {
        return pool.preparedQuery("INSERT INTO dead_letter (dlq_partition, dlq_offset, tenant, record_key, source_topic, "
                + "source_partition, source_offset, reason, cause, dead_lettered_at, headers, body, body_size, replayed_from) "
                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING")
                .execute(Tuple.from(new Object[] { d.partition(), d.offset(), d.tenant(), d.key(), d.sourceTopic(),
                        d.sourcePartition(), d.sourceOffset(), d.reason(), d.cause(), d.at(), d.headers(),
                        d.body() == null ? null : io.vertx.core.buffer.Buffer.buffer(d.body()),
                        d.body() == null ? 0 : d.body().length, d.replayedFrom() }))
                .replaceWithVoid();
    }

    /** Newest first, after {@code beforeId} when given. */
    public Uni<List<DeadLetter>> list(Filter filter, Long beforeId, int limit, String topic) {
        List<Object> params = new ArrayList<>();
        String where = where(filter, params);
        if (beforeId != null) {
            params.add(beforeId);
            where += " AND id < $" + params.size();
        }
        params.add(limit);
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dead_letter WHERE " + where + " ORDER BY id DESC LIMIT $"
                + params.size()).execute(Tuple.from(params)).map(rows -> views(rows, topic));
    }

    /**
     * Claims the dead letters named by {@code ids}, or else all that {@code filter} selects, that are not replayed
     * and not being replayed (a claim older than {@code lease} is taken over): claimed, they are the caller's to
     * publish and then mark or release.
     */
    public Uni<List<Claimed>> claim(List<Long> ids, Filter filter, Duration lease, String topic) {
        List<Object> params = new ArrayList<>();
        String selected;
        if (ids != null && !ids.isEmpty()) {
            params.add(ids.toArray(Long[]::new));
            selected = "id = ANY($1)";
        } else {
            selected = where(filter, params);
        }
        params.add(OffsetDateTime.now().minus(lease));
        return pool.preparedQuery("UPDATE dead_letter SET replay_started_at = now() WHERE " + selected
                + " AND replayed_at IS NULL AND (replay_started_at IS NULL OR replay_started_at < $" + params.size() + ")"
                + " RETURNING id, dlq_partition, dlq_offset, tenant, record_key, source_topic, headers, body")
                .execute(Tuple.from(params)).map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        io.vertx.mutiny.core.buffer.Buffer body = row.getBuffer("body");
                        claimed.add(new Claimed(row.getLong("id"), topic + "@" + row.getInteger("dlq_partition") + ":"
                                + row.getLong("dlq_offset"), row.getString("tenant"), row.getString("record_key"),
                                row.getString("source_topic"), (JsonArray) row.getValue("headers"),
                                body == null ? null : body.getBytes()));
                    }
                    return claimed;
                });
    }

    public Uni<Void> markReplayed(long id) {
        return pool.preparedQuery("UPDATE dead_letter SET replayed_at = now() WHERE id = $1").execute(Tuple.of(id)).replaceWithVoid();
    }

    public Uni<Void> release(long id) {
        return pool.preparedQuery("UPDATE dead_letter SET replay_started_at = NULL WHERE id = $1 AND replayed_at IS NULL")
                .execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The dead letters of {@code ids} as they are now (to say why some were not claimed). */
    public Uni<List<DeadLetter>> byIds(List<Long> ids, String topic) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM dead_letter WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> views(rows, topic));
    }

    /** Rows older than the topic keeps its records: gone from both. */
    public Uni<Integer> forgetOlderThan(OffsetDateTime before) {
        return pool.preparedQuery("DELETE FROM dead_letter WHERE dead_lettered_at < $1").execute(Tuple.of(before))
                .map(RowSet::rowCount);
    }

    private static String where(Filter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("true");
        if (filter.tenant() != null) {
            params.add(filter.tenant());
            where.append(" AND tenant = $").append(params.size());
        }
        if (filter.reason() != null) {
            params.add("%" + filter.reason().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND reason ILIKE $").append(params.size());
        }
        if (filter.from() != null) {
            params.add(filter.from());
            where.append(" AND dead_lettered_at >= $").append(params.size());
        }
        if (filter.to() != null) {
            params.add(filter.to());
            where.append(" AND dead_lettered_at < $").append(params.size());
        }
        if (filter.replayed() != null) {
            where.append(filter.replayed() ? " AND replayed_at IS NOT NULL" : " AND replayed_at IS NULL");
        }
        return where.toString();
    }

    private static List<DeadLetter> views(RowSet<Row> rows, String topic) {
        List<DeadLetter> views = new ArrayList<>();
        for (Row row : rows) {
            views.add(new DeadLetter(row.getLong("id"), row.getString("tenant"), row.getString("record_key"),
                    row.getString("source_topic"), row.getInteger("source_partition"), row.getLong("source_offset"),
                    row.getString("reason"), row.getString("cause"), row.getOffsetDateTime("dead_lettered_at"),
                    row.getInteger("body_size"), row.getString("replayed_from"), row.getOffsetDateTime("replayed_at"),
                    topic + "@" + row.getInteger("dlq_partition") + ":" + row.getLong("dlq_offset")));
        }
        return views;
    }
}
