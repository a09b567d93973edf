package com.proign.shopify.testinfra;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for {@code @QuarkusTest}: the one named by {@code KAFKA_BOOTSTRAP_SERVERS} when set
 * (deploy/local/test.sh starts one for the whole run), otherwise a KRaft broker started from the project's jars
 * for this test and stopped after it. Either way the suite's topics exist.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private String startedIn;

    @Override
    public Map<String, String> start() {
        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            int port = LocalInfra.freePort();
            startedIn = LocalInfra.stateDir("kafka-" + port).toString();
            LocalInfra.run("kafka-start", startedIn, Integer.toString(port));
            bootstrap = "127.0.0.1:" + port;
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void stop() {
        if (startedIn != null) {
            LocalInfra.run("kafka-stop", startedIn);
            LocalInfra.delete(startedIn);
        }
    }
}
