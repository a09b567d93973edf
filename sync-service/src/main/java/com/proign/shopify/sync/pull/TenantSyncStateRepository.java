package com.proign.shopify.sync.pull;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * Where each tenant's reconciliation stands. {@link #due} reads across tenants by design: the interval pass serves
 * every connected tenant; everything else takes the tenant first.
 */
@ApplicationScoped
public class TenantSyncStateRepository implements PanacheRepositoryBase<TenantSyncState, String> {

    /** The tenant's state, or null before its first pass. */
    public Uni<TenantSyncState> find(String tenant) {
        return findById(tenant);
    }

    /** Connected tenants whose interval has passed since their last pass started and whose lease is free. */
    public Uni<List<String>> due() {
        return Panache.withSession(() -> getSession().chain(session -> session.createNativeQuery("""
                SELECT s.tenant FROM tenant_settings s LEFT JOIN tenant_sync_state t ON t.tenant = s.tenant
                 WHERE s.connection_status = 'connected'
                   AND (t.last_pass_started IS NULL
                        OR t.last_pass_started + make_interval(mins => s.auto_sync_interval_minutes) <= now())
                   AND (t.lease_until IS NULL OR t.lease_until < now())
                 ORDER BY t.last_pass_started NULLS FIRST""", String.class).getResultList()));
    }

    /**
     * Takes the tenant's lease, and marks its pass started, if no live lease is held; the state as claimed, or null
     * when another instance holds it. In the caller's transaction.
     */
    public Uni<TenantSyncState> claim(String tenant, Duration lease) {
        return getSession().chain(session -> session.createNativeQuery("""
                INSERT INTO tenant_sync_state (tenant, version) VALUES (?1, 0) ON CONFLICT (tenant) DO NOTHING""")
                .setParameter(1, tenant).executeUpdate()
                .chain(() -> session.createNativeQuery("""
                        UPDATE tenant_sync_state SET lease_until = now() + make_interval(secs => ?2),
                               last_pass_started = now(), version = version + 1
                         WHERE tenant = ?1 AND (lease_until IS NULL OR lease_until < now())""")
                        .setParameter(1, tenant).setParameter(2, (double) lease.toSeconds()).executeUpdate())
                .chain(claimed -> claimed == 0 ? Uni.createFrom().<TenantSyncState>nullItem()
                        : session.find(TenantSyncState.class, tenant).call(session::refresh)));
    }
}
