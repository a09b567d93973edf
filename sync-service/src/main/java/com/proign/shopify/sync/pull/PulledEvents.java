package com.proign.shopify.sync.pull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.proign.shopify.sync.client.ShopifyGraphql;
import com.proign.shopify.sync.context.Contexts;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;

/**
 * What this service reads from Shopify goes into the webhooks' own topics as if Shopify had delivered it: the
 * REST-shaped body, keyed {@code tenant:id} as the gateway keys it, with the CloudEvents headers the consumers read
 * (ce_id {@code pull:...} so that a state already seen costs them nothing, ce_tenant, ce_shopifytopic).
 */
public final class PulledEvents {

    private PulledEvents() {
    }

    /** One event: its key, its CloudEvents id, the Shopify topic it stands for (orders/updated) and its body, encoded. */
    public record Event(String key, String id, String shopifyTopic, byte[] body, OrderFacts order) {

        public static Event of(String key, String id, String shopifyTopic, JsonObject body) {
            return new Event(key, id, shopifyTopic, body.encode().getBytes(StandardCharsets.UTF_8), null);
        }

        /** An order's event, with what the queue's filter looks at (to say what a pull brought in). */
        public static Event ofOrder(String key, String id, JsonObject body) {
            return new Event(key, id, "orders/updated", body.encode().getBytes(StandardCharsets.UTF_8),
                    new OrderFacts(body.getString("financial_status"), body.getValue("cancelled_at") != null));
        }
    }

    /** What decides whether a pulled order enters the queue: its financial status, and whether it is cancelled. */
    public record OrderFacts(String financialStatus, boolean cancelled) {
    }

    /** Sends the events, in order; completes once Kafka acknowledged them all, on the caller's context. */
    public static Uni<Void> publish(MutinyEmitter<byte[]> emitter, String tenant, List<Event> events) {
        List<Uni<Void>> sends = new java.util.ArrayList<>(events.size());
        for (Event event : events) {
            sends.add(emitter.sendMessage(Message.of(event.body())
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(event.key()).build())
                    .addMetadata(OutgoingCloudEventMetadata.builder()
                            .withId(event.id())
                            .withType("com.shopify." + event.shopifyTopic().replace('/', '.'))
                            .withSource(URI.create("urn:proign:sync-service"))
                            .withDataContentType("application/json")
                            .withExtension("tenant", tenant)
                            .withExtension("shopifytopic", event.shopifyTopic())
                            .withExtension("shopifyapiversion", ShopifyGraphql.API_VERSION)
                            .withTimestamp(ZonedDateTime.now())
                            .build())));
        }
        return Contexts.onCallersContext(sends.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(sends).andFailFast().replaceWithVoid());
    }
}
