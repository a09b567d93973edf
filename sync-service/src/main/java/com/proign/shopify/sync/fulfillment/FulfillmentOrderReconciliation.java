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
 * their orders' fulfillment orders read again and published as the webhook would have; and the requests still waiting
 * at the warehouse's fulfillment service's location (assignedFulfillmentOrders) are read and answered by the rule
 * (MerchantRequests#reconcile). A failure fails the pass;
 * the next one tries again.
 */
@ApplicationScoped
public class FulfillmentOrderReconciliation implements AfterReconciliation {

    private final FulfillmentOrderStates states;
    private final MerchantRequests requests;
    private final TenantSettingsRepository settings;

    public FulfillmentOrderReconciliation(FulfillmentOrderStates states, MerchantRequests requests,
            TenantSettingsRepository settings) {
        this.states = states;
        this.requests = requests;
        this.settings = settings;
    }

    @Override
    public Uni<String> since(String tenant, OffsetDateTime since) {
        return Panache.withSession(() -> settings.find(tenant)).chain(found -> {
            if (found == null || !found.connected() || found.fulfillmentOff().isPresent()) {
                return Uni.createFrom().nullItem();
            }
            // the pass's context, for the sync log of what the requests' part answers (Shopify answers on other threads)
            io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
            return states.updatedSince(tenant, since).chain(byOrder -> Multi.createFrom().iterable(byOrder.values())
                    .onItem().transformToUniAndConcatenate(gid -> states.refreshOnce(tenant, gid, found))
                    .collect().asList().map(List::size))
                    .chain(orders -> requests.reconcile(tenant, found, context).map(waiting -> {
                        List<String> words = new java.util.ArrayList<>();
                        if (orders > 0) {
                            words.add("the fulfillment orders of " + orders + " order(s)");
                        }
                        if (waiting > 0) {
                            words.add(waiting + " request(s) waiting for the warehouse's fulfillment service");
                        }
                        return words.isEmpty() ? null : String.join(", ", words);
                    }));
        });
    }
}
