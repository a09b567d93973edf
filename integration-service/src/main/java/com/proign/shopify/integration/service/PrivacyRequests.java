package com.proign.shopify.integration.service;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.proign.shopify.integration.PrivacyRequest;
import com.proign.shopify.integration.PrivacyRequest.Outcome;
import com.proign.shopify.integration.ShopConnection.Status;
import com.proign.shopify.integration.ShopDomain;
import com.proign.shopify.integration.repository.PrivacyRequestRepository;
import com.proign.shopify.integration.repository.ShopConnectionRepository;
import com.proign.shopify.integration.repository.ShopSettingsRepository;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * The privacy webhooks as far as this service is concerned
 * (https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance). It holds no customer's data, so
 * customers/redact and customers/data_request are recorded as such; shop/redact deletes the store's connection (with
 * the webhook secret kept for these very webhooks) and the tenant's settings. Each delivery is applied once and
 * recorded in privacy_request, without the data.
 */
@ApplicationScoped
public class PrivacyRequests {

    private static final Logger LOG = Logger.getLogger(PrivacyRequests.class);

    /** The request as the gateway published it: tenant, topic, Shopify's webhook id, store, when Shopify sent it. */
    public record Delivery(String tenant, String topic, String webhookId, ShopDomain shop, OffsetDateTime requestedAt) {
    }

    private final PrivacyRequestRepository requests;
    private final ShopConnectionRepository connections;
    private final ShopSettingsRepository settings;
    private final Clock clock;

    public PrivacyRequests(PrivacyRequestRepository requests, ShopConnectionRepository connections,
            ShopSettingsRepository settings, Clock clock) {
        this.requests = requests;
        this.connections = connections;
        this.settings = settings;
        this.clock = clock;
    }

    /** Applies the request once; a redelivery answers what the first delivery did. */
    @WithTransaction
    public Uni<PrivacyRequest> apply(Delivery delivery) {
        return requests.findDelivery(delivery.tenant(), delivery.webhookId()).chain(done -> {
            if (done != null) {
                return Uni.createFrom().item(done);
            }
            Uni<PrivacyRequest> applied = "shop/redact".equals(delivery.topic())
                    ? redactShop(delivery)
                    : Uni.createFrom().item(record(delivery, Outcome.nothing_held, "nothing"));
            return applied.call(requests::persist).invoke(request -> LOG.infof(
                    "privacy request %s (%s) of tenant %s for %s: %s, erased %s", request.topic, request.webhookId,
                    request.tenant, request.shopDomain, request.outcome, request.erased));
        });
    }

    private Uni<PrivacyRequest> redactShop(Delivery delivery) {
        return connections.findByTenant(delivery.tenant()).chain(connection -> {
            if (connection == null || !connection.shopDomain.equals(delivery.shop().value())) {
                return Uni.createFrom().item(record(delivery, Outcome.nothing_held, "nothing"));
            }
            if (connection.status == Status.connected) {
                return Uni.createFrom().item(record(delivery, Outcome.kept_connected, "nothing"));
            }
            return connections.delete(connection)
                    .chain(() -> settings.deleteById(delivery.tenant()))
                    .map(settingsDeleted -> record(delivery, Outcome.erased,
                            settingsDeleted ? "store connection, webhook secret, settings" : "store connection, webhook secret"));
        });
    }

    private PrivacyRequest record(Delivery delivery, Outcome outcome, String erased) {
        PrivacyRequest request = new PrivacyRequest();
        request.id = UUID.randomUUID();
        request.tenant = delivery.tenant();
        request.topic = delivery.topic();
        request.webhookId = delivery.webhookId();
        request.shopDomain = delivery.shop().value();
        request.requestedAt = delivery.requestedAt();
        request.completedAt = OffsetDateTime.now(clock);
        request.outcome = outcome;
        request.erased = erased;
        return request;
    }
}
