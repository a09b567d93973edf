package com.proign.shopify.sync.log;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

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
}
