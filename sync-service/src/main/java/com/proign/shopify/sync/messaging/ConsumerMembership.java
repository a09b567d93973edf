package com.proign.shopify.sync.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.Config;

import com.proign.shopify.sync.config.SyncConfig;

import io.smallrye.reactive.messaging.ClientCustomizer;

/**
 * How this service's Kafka consumers belong to their group, so that a crash costs seconds, not Kafka's 45 s
 * default: a session of {@code sync.kafka.session-timeout} (6 s, the broker's least by default) with
 * heartbeats at a third of it, so the partitions of an instance that died are handed on within it; and, when the
 * instance has a stable name ({@code KAFKA_INSTANCE_ID}: the pod's name, or the local replica's), static membership
 * ({@code group.instance.id} per consumer), so that the instance restarted under the same name takes its partitions
 * back at once, without a rebalance. Producers (outgoing channels, dead-letter producers) are left as they are.
 */
@ApplicationScoped
public class ConsumerMembership implements ClientCustomizer<Map<String, Object>> {

    private final Optional<String> instanceId;
    private final Duration sessionTimeout;

    public ConsumerMembership(SyncConfig config) {
        this.instanceId = config.kafka().instanceId().map(String::strip).filter(id -> !id.isEmpty());
        this.sessionTimeout = config.kafka().sessionTimeout();
    }

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (!config.containsKey(ConsumerConfig.GROUP_ID_CONFIG) || !config.containsKey(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG)) {
            return config;
        }
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(sessionTimeout.toMillis() / 3));
        // one id per consumer: the client id tells the channel's concurrent consumers apart ("...$2"); Kafka takes
        // letters, digits, '.', '_' and '-' only
        instanceId.ifPresent(id -> config.putIfAbsent(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                (id + "-" + config.getOrDefault(ConsumerConfig.CLIENT_ID_CONFIG, channel)).replaceAll("[^A-Za-z0-9._-]", "-")));
        return config;
    }
}
