package com.proign.shopify.orders.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.proign.shopify.testinfra.ShopifySamples;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Order events and settings records as the gateway and integration-service publish them. */
public final class OrderEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OrderEvents() {
    }

    /** Shopify's sample order, with its id, updated_at and financial status set, then changed further by {@code edit}. */
    public static byte[] order(long id, String updatedAt, String financialStatus, Consumer<ObjectNode> edit) {
        try {
            ObjectNode order = (ObjectNode) JSON.readTree(ShopifySamples.bytes(ShopifySamples.ORDER));
            order.put("id", id);
            order.put("name", "#" + (id % 100000));
            order.put("updated_at", updatedAt);
            order.put("financial_status", financialStatus);
            if (edit != null) {
                edit.accept(order);
            }
            return JSON.writeValueAsBytes(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A delivery on shopify.orders, as the gateway publishes it; its delivery id. */
    public static String publish(KafkaCompanion kafka, String tenant, String topic, long orderId, byte[] body) {
        return publish(kafka, tenant, topic, orderId, body, null);
    }

    /** The same, in the trace {@code traceparent} names (as the gateway's request writes it), when not null. */
    public static String publish(KafkaCompanion kafka, String tenant, String topic, long orderId, byte[] body, String traceparent) {
        String deliveryId = "d-" + UUID.randomUUID();
        RecordHeaders headers = new RecordHeaders();
        if (traceparent != null) {
            headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        headers.add("ce_tenant", tenant.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_id", deliveryId.getBytes(StandardCharsets.UTF_8));
        headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add("ce_shopifytopic", topic.getBytes(StandardCharsets.UTF_8));
        kafka.produce(String.class, byte[].class)
                .fromRecords(new ProducerRecord<>("shopify.orders", null, tenant + ":" + orderId, body, headers))
                .awaitCompletion(Duration.ofSeconds(20));
        return deliveryId;
    }

    /** A tenant's state on integration.settings, as integration-service publishes it. */
    public static void settings(KafkaCompanion kafka, String tenant, long version, String filter) {
        String value = "{\"tenant\":\"" + tenant + "\",\"version\":" + version + ",\"connection_status\":\"connected\","
                + "\"order_status_filter\":\"" + filter + "\",\"auto_sync_interval_minutes\":60,"
                + "\"inventory_sync\":false,\"notify_customer\":true}";
        kafka.produce(String.class, String.class)
                .fromRecords(new ProducerRecord<>("integration.settings", tenant, value))
                .awaitCompletion(Duration.ofSeconds(20));
    }
}
