package com.proign.shopify.sync.fulfillment;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.proign.shopify.sync.pull.AfterReconciliation;
import com.proign.shopify.sync.settings.TenantSettingsRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The reconciliation pass's part for fulfillment orders (webhooks get lost): with the fulfillment feature on, the
 * fulfillment orders Shopify updated in the pass's window (held, released, moved, split, merged, rescheduled) have
 * their orders' fulfillment orders read again and published as the webhook would have. A failure fails the pass;
 * the next one tries again.
 */
@ApplicationScoped
public class FulfillmentOrderReconciliation implements AfterReconciliation {

    private final FulfillmentOrderStates states;
    private final TenantSettingsRepository settings;

    public FulfillmentOrderReconciliation(FulfillmentOrderStates states, TenantSettingsRepository settings) {
        this.states = states;
        this.settings = settings;
    }

    @Override
    public Uni<String> since(String tenant, OffsetDateTime since) {
        return Panache.withSession(() -> settings.find(tenant)).chain(found -> {
            if (found == null || !found.connected() || found.off("fulfillment").isPresent()) {
                return Uni.createFrom().nullItem();
            }
            return states.updatedSince(tenant, since).chain(byOrder -> Multi.createFrom().iterable(byOrder.values())
                    .onItem().transformToUniAndConcatenate(gid -> states.refreshOnce(tenant, gid, found))
                    .collect().asList().map(List::size)
                    .map(n -> n == 0 ? null : "the fulfillment orders of " + n + " order(s)"));
        });
    }
}
