package com.proign.shopify.orders.messaging;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.orders.service.PoisonRecordException;
import com.proign.shopify.orders.Shipment;

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
        JsonNode result;
        UUID shipmentId;
        Shipment.SyncStatus status;
        try {
            result = json.readTree(record.value());
            shipmentId = UUID.fromString(result.path("shipment_id").asText());
            status = Shipment.SyncStatus.valueOf(result.path("status").asText());
        } catch (java.io.IOException | IllegalArgumentException | NullPointerException e) {
            return Uni.createFrom().failure(new PoisonRecordException("unreadable fulfillment result: " + e.getMessage()));
        }
        String tenant = result.path("tenant").asText(null);
        if (tenant == null || status == Shipment.SyncStatus.pending) {
            return Uni.createFrom().failure(new PoisonRecordException("fulfillment result without tenant or final status"));
        }
        String error = result.path("error").asText(null);
        Long fulfillmentId = result.hasNonNull("shopify_fulfillment_id") ? result.get("shopify_fulfillment_id").asLong() : null;
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
