package com.proign.shopify.orders.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ConsumerMembershipTests {

    private static Map<String, Object> consumer(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("group.id", "order-service");
        config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        config.put("client.id", clientId);
        return config;
    }

    @Test
    void aConsumerOfANamedInstanceIsAStaticMemberWithAShortSession() {
        var membership = new ConsumerMembership(Optional.of("order-service-2"), Duration.ofSeconds(10));
        Map<String, Object> config = membership.customize("shopify-orders", null, consumer("kafka-consumer-shopify-orders$3"));
        assertEquals("10000", config.get("session.timeout.ms"));
        assertEquals("3333", config.get("heartbeat.interval.ms"));
        // Kafka takes letters, digits, '.', '_' and '-' only
        assertEquals("order-service-2-kafka-consumer-shopify-orders-3", config.get("group.instance.id"));
    }

    @Test
    void withoutANameItStaysADynamicMemberAndProducersAreLeftAlone() {
        var membership = new ConsumerMembership(Optional.empty(), Duration.ofSeconds(10));
        Map<String, Object> consumer = membership.customize("shopify-orders", null, consumer("c"));
        assertFalse(consumer.containsKey("group.instance.id"));
        assertEquals("10000", consumer.get("session.timeout.ms"));
        Map<String, Object> producer = new HashMap<>(Map.of("key.serializer", "x", "group.id", "order-service"));
        assertEquals(Map.of("key.serializer", "x", "group.id", "order-service"),
                new ConsumerMembership(Optional.of("i"), Duration.ofSeconds(10)).customize("dlq", null, producer));
    }
}
