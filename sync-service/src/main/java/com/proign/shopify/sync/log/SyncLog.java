package com.proign.shopify.sync.log;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The tenant-facing log of what the sync did (sync_log). Writing it never fails what is being logged: an entry
 * that cannot be written is reported in the service's own log and dropped.
 */
@ApplicationScoped
public class SyncLog {

    private static final Logger LOG = Logger.getLogger(SyncLog.class);

    public enum Level {
        info, warn, error
    }

    public enum Kind {
        job, reconcile, fulfillment, inventory, webhooks, connection
    }

    /** One entry as written. */
    public record Entry(long id, OffsetDateTime at, Level level, Kind kind, String message, String ref) {
    }

    private final Pool pool;

    public SyncLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> record(String tenant, Level level, Kind kind, String message, Object ref) {
        String text = message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                "INSERT INTO sync_log (tenant, at, level, kind, message, ref) VALUES (?1, now(), ?2, ?3, ?4, ?5)")
                .setParameter(1, tenant).setParameter(2, level.name()).setParameter(3, kind.name())
                .setParameter(4, text).setParameter(5, ref == null ? null : ref.toString())
                .executeUpdate()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf("a sync log entry of tenant %s was not written: %s", tenant, e.getMessage());
                    return null;
                });
    }

    /** The tenant's entries newest first, of {@code level} and {@code kind} when given, before entry {@code before}. */
    public Uni<List<Entry>> newest(String tenant, Level level, Kind kind, Long before, int limit) {
        List<Object> params = new ArrayList<>(List.of(tenant));
        StringBuilder where = new StringBuilder("tenant = $1");
        if (level != null) {
            params.add(level.name());
            where.append(" AND level = $").append(params.size());
        }
        if (kind != null) {
            params.add(kind.name());
            where.append(" AND kind = $").append(params.size());
        }
        if (before != null) {
            params.add(before);
            where.append(" AND id < $").append(params.size());
        }
        params.add(limit);
        return pool.preparedQuery("SELECT id, at, level, kind, message, ref FROM sync_log WHERE " + where
                + " ORDER BY id DESC LIMIT $" + params.size()).execute(Tuple.from(params)).map(rows -> {
                    List<Entry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new Entry(row.getLong("id"), row.getOffsetDateTime("at"), Level.valueOf(row.getString("level")),
                                Kind.valueOf(row.getString("kind")), row.getString("message"), row.getString("ref")));
                    }
                    return entries;
                });
    }

    /** The tenant's last entry of {@code level} (and {@code kind} when given), or null. */
    public Uni<Entry> last(String tenant, Level level, Kind kind) {
        return newest(tenant, level, kind, null, 1).map(entries -> entries.isEmpty() ? null : entries.get(0));
    }
}
