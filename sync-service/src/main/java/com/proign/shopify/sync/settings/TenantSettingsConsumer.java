package com.proign.shopify.sync.settings;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Follows integration.settings (compacted, keyed by tenant); a record older than the version held is ignored. */
@ApplicationScoped
public class TenantSettingsConsumer {

    private final ObjectMapper json;

    public TenantSettingsConsumer(ObjectMapper json) {
        this.json = json;
    }

    @Incoming("integration-settings")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        JsonNode state;
        try {
            state = record.value() == null ? null : json.readTree(record.value());
        } catch (IOException e) {
            return Uni.createFrom().failure(new IllegalArgumentException("integration.settings record is not JSON"));
        }
        if (state == null || !state.hasNonNull("tenant") || !state.hasNonNull("version")) {
            return Uni.createFrom().failure(new IllegalArgumentException("integration.settings record without tenant or version"));
        }
        String tenant = state.get("tenant").asText();
        long version = state.get("version").asLong();
        return Panache.withTransaction(() -> TenantSettingsRepository.find(tenant).chain(current -> {
            if (current != null && current.settingsVersion >= version) {
                return Uni.createFrom().voidItem();
            }
            TenantSettings settings = current != null ? current : new TenantSettings();
            settings.tenant = tenant;
            settings.settingsVersion = version;
            settings.connectionStatus = state.path("connection_status").asText("not_connected");
            settings.shopDomain = state.path("shop_domain").asText(null);
            settings.fulfillmentLocationId = state.path("fulfillment_location_id").canConvertToLong()
                    ? state.get("fulfillment_location_id").asLong() : null;
            settings.autoSyncIntervalMinutes = state.path("auto_sync_interval_minutes").asInt(60);
            settings.inventorySync = state.path("inventory_sync").asBoolean(false);
            settings.notifyCustomer = state.path("notify_customer").asBoolean(true);
            settings.updatedAt = OffsetDateTime.now();
            return current != null ? Uni.createFrom().voidItem() : Panache.getSession().chain(s -> s.persist(settings));
        })).onFailure(e -> !(e instanceof IllegalArgumentException))
                .retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).withJitter(0.3).atMost(5);
    }
}
