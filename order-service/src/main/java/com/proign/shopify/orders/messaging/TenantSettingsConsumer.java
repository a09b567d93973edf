package com.proign.shopify.orders.messaging;

import java.time.OffsetDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.OrderStatus;
import com.proign.shopify.orders.TenantSettings;
import com.proign.shopify.orders.repository.OrderRepository;
import com.proign.shopify.orders.repository.TenantSettingsRepository;
import com.proign.shopify.orders.service.PoisonRecordException;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * Follows integration.settings (compacted, keyed by tenant): keeps each tenant's order status filter, ignoring a
 * record older than the version held. When a filter admits more than before, the tenant's filtered orders that
 * now pass enter the queue.
 */
@ApplicationScoped
public class TenantSettingsConsumer {

    private static final Logger LOG = Logger.getLogger(TenantSettingsConsumer.class);

    private final TenantSettingsRepository settings;
    private final OrderRepository orders;
    private final ObjectMapper json;

    public TenantSettingsConsumer(TenantSettingsRepository settings, OrderRepository orders, ObjectMapper json) {
        this.settings = settings;
        this.orders = orders;
        this.json = json;
    }

    @Incoming("integration-settings")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        TenantState state;
        try {
            state = TenantState.read(json, record.value());
        } catch (PoisonRecordException e) {
            return Uni.createFrom().failure(e);
        }
        return Outages.waitOut("tenant state " + record.key() + " v" + state.version(), Outages::cannotBeApplied,
                Uni.createFrom().deferred(() -> apply(state.tenant(), state.version(), state.orderStatusFilter(),
                        state.cancellationRuleOrDefault())));
    }

    @WithTransaction
    Uni<Void> apply(String tenant, long version, String filter, String cancellationRule) {
        return settings.findById(tenant).chain(current -> {
            if (current != null && current.settingsVersion >= version) {
                return Uni.createFrom().voidItem(); // a redelivery, or older than what is held
            }
            TenantSettings updated = current != null ? current : new TenantSettings();
            updated.tenant = tenant;
            updated.orderStatusFilter = filter;
            updated.cancellationRequestRule = cancellationRule;
            updated.settingsVersion = version;
            updated.updatedAt = OffsetDateTime.now();
            Uni<TenantSettings> saved = current != null ? Uni.createFrom().item(updated) : settings.persist(updated);
            return saved.chain(() -> admitFiltered(tenant, filter));
        });
    }

    /** Filtered orders that pass the new filter enter the queue now. */
    private Uni<Void> admitFiltered(String tenant, String filter) {
        Set<String> admitted = TenantSettings.admitted(filter);
        String passing = admitted == null ? "" : " and financialStatus in :admitted";
        var params = io.quarkus.panache.common.Parameters.with("tenant", tenant)
                .and("pending", OrderStatus.pending).and("filtered", OrderStatus.filtered)
                .and("now", OffsetDateTime.now());
        if (admitted != null) {
            params.and("admitted", admitted);
        }
        return orders.update("status = :pending, queuedAt = :now, version = version + 1 where tenant = :tenant"
                + " and status = :filtered" + passing, params)
                .invoke(count -> {
                    if (count > 0) {
                        LOG.infof("tenant %s's order filter is now %s: %d filtered order(s) entered the queue",
                                tenant, filter, count);
                    }
                })
                .replaceWithVoid();
    }
}
