package com.proign.shopify.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for {@code @QuarkusTest}: the one named by {@code KAFKA_BOOTSTRAP_SERVERS} when set
 * (deploy/local/test.sh starts one for the whole run), otherwise a KRaft broker started from the project's jars
 * for this test and stopped after it. Either way the suite's topics exist.
 *
 * <p>With the init argument {@code dedicated=true} the test always gets a broker of its own, which it can stop
 * and start again through {@link #dedicatedBroker()} to test an outage. A {@code KAFKA_BOOTSTRAP_SERVERS} in the
 * environment still wins over {@code kafka.bootstrap.servers} in the Kafka extension's defaults, so the channels
 * that must use the dedicated broker are named in {@code outgoing-channels} / {@code incoming-channels}
 * (comma-separated) and get it as their own {@code bootstrap.servers}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    /** A broker this resource started: stop and start it again on the same port and data. */
    public record Broker(String stateDir, int port) {
        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        public void stop() {
            LocalInfra.run("kafka-stop", stateDir);
        }

        public void start() {
            LocalInfra.run("kafka-start", stateDir, Integer.toString(port));
        }
    }

    private static volatile Broker dedicated;
    private boolean dedicatedRequested;
    private java.util.List<String> channelPrefixes = java.util.List.of();
    private Broker started;

    @Override
    public void init(Map<String, String> initArgs) {
        dedicatedRequested = Boolean.parseBoolean(initArgs.getOrDefault("dedicated", "false"));
        java.util.List<String> prefixes = new java.util.ArrayList<>();
        for (String direction : java.util.List.of("outgoing", "incoming")) {
            for (String channel : initArgs.getOrDefault(direction + "-channels", "").split(",")) {
                if (!channel.isBlank()) {
                    prefixes.add("mp.messaging." + direction + "." + channel.strip());
                }
            }
        }
        channelPrefixes = prefixes;
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (dedicatedRequested || bootstrap == null || bootstrap.isBlank()) {
            int port = LocalInfra.freePortPair();
            started = new Broker(LocalInfra.stateDir("kafka-" + port).toString(), port);
            started.start();
            bootstrap = "127.0.0.1:" + port;
            if (dedicatedRequested) {
                dedicated = started;
            }
        }
        Map<String, String> config = new java.util.HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        for (String prefix : channelPrefixes) {
            config.put(prefix + ".bootstrap.servers", bootstrap);
        }
        return config;
    }

    /** The broker of a test that asked for {@code dedicated=true}. */
    public static Broker dedicatedBroker() {
        if (dedicated == null) {
            throw new IllegalStateException("no dedicated broker: use @ResourceArg(name = \"dedicated\", value = \"true\")");
        }
        return dedicated;
    }

    @Override
    public void stop() {
        if (started != null) {
            started.stop();
            LocalInfra.delete(started.stateDir());
            if (started.equals(dedicated)) {
                dedicated = null;
            }
        }
    }
}
