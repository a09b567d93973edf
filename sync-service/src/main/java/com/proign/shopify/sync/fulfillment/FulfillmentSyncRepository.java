package com.proign.shopify.sync.fulfillment;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Fulfilment sync-back rows (one per shipment); every query takes the tenant first. */
@ApplicationScoped
public class FulfillmentSyncRepository {

    /** How the tenant's fulfilments stand: waiting for Shopify, refused, synced in the last 24 hours. */
    public record Counts(long pending, long failed, long syncedLast24h) {
    }

    private final Pool pool;

    public FulfillmentSyncRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Counts> counts(String tenant) {
        return pool.preparedQuery("""
                SELECT count(*) FILTER (WHERE status = 'pending') AS pending,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE status = 'synced' AND updated_at > now() - interval '24 hours') AS synced
                  FROM fulfillment_sync WHERE tenant = $1""").execute(Tuple.of(tenant)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new Counts(row.getLong("pending"), row.getLong("failed"), row.getLong("synced"));
                });
    }
}
