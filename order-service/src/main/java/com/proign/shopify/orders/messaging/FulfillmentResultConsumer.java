package com.proign.shopify.orders.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.Shipment;
import com.proign.shopify.orders.service.PoisonRecordException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The sync-service's answer per shipment (sync-service.fulfillment-results): {@code synced} with Shopify's
 * fulfillment id, or {@code failed} with the reason. A result for another tenant's shipment, or for one this
 * service does not know, changes nothing; a synced shipment never goes back to failed.
 */
@ApplicationScoped
public class FulfillmentResultConsumer {

    private static final Logger LOG = Logger.getLogger(FulfillmentResultConsumer.class);

    private final ObjectMapper json;

    public FulfillmentResultConsumer(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("fulfillment-results")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        FulfillmentResult result;
        try {
            result = FulfillmentResult.read(json, record.value());
        } catch (PoisonRecordException e) {
            return Uni.createFrom().failure(e);
        }
        UUID shipmentId = result.shipmentId();
        String tenant = result.tenant();
        Shipment.SyncStatus status = result.status();
        String error = result.error();
        Long fulfillmentId = result.shopifyFulfillmentId();
        return Outages.waitOut("fulfillment result of shipment " + shipmentId, Outages::cannotBeApplied,
                Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.find(Shipment.class, shipmentId))
                .invoke(shipment -> {
                    if (shipment == null || !shipment.tenant.equals(tenant)) {
                        LOG.warnf("fulfillment result for unknown shipment %s of tenant %s ignored", shipmentId, tenant);
                        return;
                    }
                    if (shipment.syncStatus == Shipment.SyncStatus.synced) {
                        return;
                    }
                    shipment.syncStatus = status;
                    shipment.syncError = status == Shipment.SyncStatus.failed ? error : null;
                    shipment.shopifyFulfillmentId = fulfillmentId;
                    shipment.syncedAt = status == Shipment.SyncStatus.synced ? OffsetDateTime.now() : null;
                })))
                .replaceWithVoid();
    }
}
