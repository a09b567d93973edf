package com.proign.shopify.standin.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.proign.shopify.standin.store.RestTopics;
import com.proign.shopify.standin.store.Store;
import com.proign.shopify.standin.store.WebhookSubscription;

import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * Delivers webhooks as Shopify does: to every subscription of the topic, the body fixed at trigger time, signed
 * with the app's secret, retried on any non-2xx answer or timeout on Shopify's schedule, and the subscription
 * deleted after repeated failed deliveries. Per store, tests can ask for duplicates, a delay, or to hold
 * deliveries and release them in reverse order.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int ATTEMPTS_KEPT = 20_000;

    /** What tests can switch on per store. */
    public record Behaviour(boolean duplicate, long delayMillis, boolean hold) {
        static final Behaviour NORMAL = new Behaviour(false, 0, false);
    }

    record Delivery(String webhookId, String eventId, WebhookSubscription subscription, String restTopic,
            Instant triggeredAt, byte[] body) {
    }

    private final Vertx vertx;
    private final WebClient client;
    private final WebhookConfig config;
    private final ObjectMapper json;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Deque<Delivery>> held = new ConcurrentHashMap<>();
    private final Map<String, Deque<DeliveryAttempt>> attempts = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> failedDeliveriesInARow = new ConcurrentHashMap<>();

    public WebhookDispatcher(Vertx vertx, WebhookConfig config, ObjectMapper json) {
        this.vertx = vertx;
        this.config = config;
        this.json = json;
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout(1000)
                .setUserAgent("Shopify-Captain-Hook")
                .setFollowRedirects(false));
    }

    /** A change happened in the store: one delivery per subscription of the topic (REST name, orders/create). */
    public void emit(Store store, String restTopic, Object resource) {
        emit(store, restTopic, resource, UUID.randomUUID().toString());
    }

    /** As {@link #emit(Store, String, Object)}, sharing EVENT_ID with the other topics of one merchant action. */
    public void emit(Store store, String restTopic, Object resource, String eventId) {
        List<WebhookSubscription> subscriptions = store.subscriptionsFor(RestTopics.toGraphql(restTopic));
        if (subscriptions.isEmpty()) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Instant now = Instant.now();
        for (WebhookSubscription subscription : subscriptions) {
            dispatch(store, new Delivery(UUID.randomUUID().toString(), eventId, subscription, restTopic, now, body));
        }
    }

    /**
     * A privacy request for the app: delivered to the app's compliance URI (whether or not the app is still
     * installed: shop/redact comes after the uninstall), signed like every webhook. False when the app configured none.
     */
    public boolean emitCompliance(Store store, String restTopic, Object resource) {
        String uri = store.complianceUri();
        if (uri == null) {
            return false;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        WebhookSubscription subscription = WebhookSubscription.compliance(restTopic, uri, store.complianceApiVersion());
        dispatch(store, new Delivery(UUID.randomUUID().toString(), UUID.randomUUID().toString(), subscription, restTopic,
                Instant.now(), body));
        return true;
    }

    public void behave(Store store, Behaviour behaviour) {
        behaviours.put(store.domain(), behaviour);
    }

    public Behaviour behaviour(Store store) {
        return behaviours.getOrDefault(store.domain(), Behaviour.NORMAL);
    }

    /** Sends what was held, newest first when REVERSE (as retries overtaken by newer deliveries arrive). */
    public int release(Store store, boolean reverse) {
        Deque<Delivery> queue = held.remove(store.domain());
        if (queue == null) {
            return 0;
        }
        List<Delivery> deliveries = new ArrayList<>(queue);
        if (reverse) {
            Collections.reverse(deliveries);
        }
        // one after another, so the order chosen is the order they arrive in
        sendInSequence(store, deliveries, 0);
        return deliveries.size();
    }

    public List<DeliveryAttempt> attempts(Store store) {
        Deque<DeliveryAttempt> log = attempts.get(store.domain());
        return log == null ? List.of() : List.copyOf(log);
    }

    private void sendInSequence(Store store, List<Delivery> deliveries, int index) {
        if (index < deliveries.size()) {
            attempt(store, deliveries.get(index), 0, () -> sendInSequence(store, deliveries, index + 1));
        }
    }

    private void dispatch(Store store, Delivery delivery) {
        Behaviour behaviour = behaviour(store);
        if (behaviour.hold()) {
            held.computeIfAbsent(store.domain(), d -> new ConcurrentLinkedDeque<>()).add(delivery);
            return;
        }
        Runnable send = () -> {
            attempt(store, delivery, 0, () -> {
            });
            if (behaviour.duplicate()) {
                attempt(store, delivery, 0, () -> {
                });
            }
        };
        if (behaviour.delayMillis() > 0) {
            vertx.setTimer(behaviour.delayMillis(), id -> send.run());
        } else {
            send.run();
        }
    }

    private void attempt(Store store, Delivery delivery, int attempt, Runnable then) {
        WebhookSubscription subscription = delivery.subscription();
        if (!subscription.appLevel() && !store.subscriptions().containsKey(subscription.id())) {
            then.run();
            return;
        }
        var request = client.postAbs(subscription.uri())
                .timeout(config.timeout().toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Shopify-Topic", delivery.restTopic())
                .putHeader("X-Shopify-Hmac-Sha256", sign(delivery.body(), store.webhookSecret()))
                .putHeader("X-Shopify-Shop-Domain", store.domain())
                .putHeader("X-Shopify-API-Version", subscription.apiVersion())
                .putHeader("X-Shopify-Webhook-Id", delivery.webhookId())
                .putHeader("X-Shopify-Event-Id", delivery.eventId())
                .putHeader("X-Shopify-Triggered-At", delivery.triggeredAt().atOffset(ZoneOffset.UTC).toString());
        if (subscription.name() != null) {
            request.putHeader("X-Shopify-Name", subscription.name());
        }
        request.sendBuffer(io.vertx.mutiny.core.buffer.Buffer.newInstance(Buffer.buffer(delivery.body())))
                .subscribe().with(
                        response -> settled(store, delivery, attempt, response.statusCode(), null, then),
                        failure -> settled(store, delivery, attempt, 0, failure.toString(), then));
    }

    private void settled(Store store, Delivery delivery, int attempt, int status, String error, Runnable then) {
        DeliveryAttempt record = new DeliveryAttempt(delivery.webhookId(), delivery.eventId(), delivery.restTopic(),
                delivery.subscription().uri(), attempt, status, error, Instant.now());
        Deque<DeliveryAttempt> log = attempts.computeIfAbsent(store.domain(), d -> new ConcurrentLinkedDeque<>());
        log.add(record);
        while (log.size() > ATTEMPTS_KEPT) {
            log.pollFirst();
        }
        long subscriptionId = delivery.subscription().id();
        if (record.succeeded()) {
            failedDeliveriesInARow.remove(subscriptionId);
            then.run();
            return;
        }
        List<java.time.Duration> delays = config.retryDelays();
        if (attempt < delays.size()) {
            long wait = Math.max(1, (long) (delays.get(attempt).toMillis() * config.timeScale()));
            vertx.setTimer(wait, id -> attempt(store, delivery, attempt + 1, () -> {
            }));
            then.run();
            return;
        }
        if (delivery.subscription().appLevel()) {
            then.run();
            return;
        }
        int failed = failedDeliveriesInARow.computeIfAbsent(subscriptionId, id -> new AtomicInteger()).incrementAndGet();
        if (failed >= config.removalAfterFailedDeliveries()) {
            store.subscriptions().remove(subscriptionId);
            failedDeliveriesInARow.remove(subscriptionId);
            LOG.infof("deleted webhook subscription %s (%s → %s) of %s after %d failed deliveries",
                    subscriptionId, delivery.restTopic(), delivery.subscription().uri(), store.domain(), failed);
        }
        then.run();
    }

    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
