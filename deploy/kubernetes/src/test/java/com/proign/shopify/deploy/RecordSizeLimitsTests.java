package com.proign.shopify.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every body the gateway accepts reaches every topic it can go to, on its first hop and as a dead letter: the
 * gateway's body limit, each producer's {@code max.request.size} (dead-letter producers included), each topic's
 * {@code max.message.bytes} and the local broker's {@code message.max.bytes} are read from where they are set and
 * must stay in that order. A producer may also never send more than its topic takes.
 */
class RecordSizeLimitsTests {

    private static final Path ROOT = ManifestCheck.root();
    /** Kafka's own defaults, where a client or topic sets nothing. */
    private static final long DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
    /** Room for the record's key and CloudEvents headers beside the body. */
    private static final long HEADROOM = 64 * 1024;
    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([a-z0-9-]+)\\.topic");

    /** A producer; {@code shopifyBodies} when what it sends can be a Shopify body (it writes or dead-letters one). */
    private record Producer(String service, String name, String topic, long maxRequestSize, boolean shopifyBodies) {
    }

    @Test
    void everyBodyTheGatewayAcceptsFitsEveryTopicItCanReach() {
        Properties gateway = properties("webhook-gateway");
        long bodyLimit = Long.parseLong(value(gateway, "gateway.max-body-bytes"));
        long hardLimit = bytes(value(gateway, "quarkus.http.limits.max-body-size"));
        assertTrue(hardLimit > bodyLimit, "Vert.x's hard limit " + hardLimit + " must stay above the gateway's own "
                + bodyLimit + ", so that the gateway answers an oversized delivery itself");

        Map<String, Long> topics = topicLimits();
        long brokerLimit = brokerLimit();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Long> topic : topics.entrySet()) {
            if (topic.getValue() > brokerLimit) {
                problems.add("topic " + topic.getKey() + " takes " + topic.getValue() + " bytes, the local broker only "
                        + brokerLimit + " (deploy/local/lib/kafka.sh)");
            }
        }
        List<Producer> producers = producers();
        assertTrue(producers.size() >= 10, "found only " + producers);
        for (Producer producer : producers) {
            Long topicLimit = topics.get(producer.topic());
            if (topicLimit == null) {
                problems.add(producer + " writes to a topic not in deploy/kafka-topics.txt");
                continue;
            }
            if (producer.maxRequestSize() > topicLimit) {
                problems.add(producer + " may send more than " + producer.topic() + " takes (" + topicLimit + ")");
            }
            if (producer.shopifyBodies() && producer.maxRequestSize() < bodyLimit + HEADROOM) {
                problems.add(producer + " cannot send a body of the gateway's " + bodyLimit + " bytes with its headers");
            }
            if (producer.shopifyBodies() && topicLimit < bodyLimit + HEADROOM) {
                problems.add("topic " + producer.topic() + " takes " + topicLimit + " bytes, less than a delivery the gateway accepts");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Every producer of the suite: outgoing channels and the dead-letter producer of each incoming one. */
    private static List<Producer> producers() {
        List<Producer> producers = new ArrayList<>();
        for (String service : ManifestCheck.SERVICES) {
            Properties config = properties(service);
            for (String key : config.stringPropertyNames()) {
                Matcher m = CHANNEL.matcher(key);
                if (!m.matches()) {
                    continue;
                }
                String prefix = "mp.messaging." + m.group(1) + "." + m.group(2) + ".";
                String topic = value(config, key);
                if (m.group(1).equals("outgoing")) {
                    producers.add(new Producer(service, m.group(2), topic,
                            size(config.getProperty(prefix + "max.request.size")), topic.startsWith("shopify.")));
                } else if ("dead-letter-queue".equals(config.getProperty(prefix + "failure-strategy"))) {
                    String dlq = config.getProperty(prefix + "dead-letter-queue.topic", "dead-letter-topic-" + m.group(2));
                    String size = config.getProperty(prefix + "dead-letter-queue.max.request.size",
                            config.getProperty(prefix + "max.request.size"));
                    producers.add(new Producer(service, m.group(2) + " (dead letters)", dlq, size(size),
                            topic.startsWith("shopify.")));
                }
            }
        }
        return producers;
    }

    private static Map<String, Long> topicLimits() {
        Map<String, Long> limits = new HashMap<>();
        for (String line : lines(ROOT.resolve("deploy/kafka-topics.txt"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] fields = trimmed.split("\\s+");
                limits.put(fields[0], Long.parseLong(fields[4]));
            }
        }
        return limits;
    }

    private static long brokerLimit() {
        for (String line : lines(ROOT.resolve("deploy/local/lib/kafka.sh"))) {
            if (line.startsWith("message.max.bytes=")) {
                return Long.parseLong(line.substring("message.max.bytes=".length()).strip());
            }
        }
        return 1_048_588;
    }

    private static long size(String configured) {
        return configured == null ? DEFAULT_MAX_REQUEST_SIZE : Long.parseLong(configured.strip());
    }

    /** A Quarkus memory size: 9M, 512K or bytes. */
    private static long bytes(String size) {
        String s = size.strip().toUpperCase();
        long unit = s.endsWith("G") ? 1L << 30 : s.endsWith("M") ? 1L << 20 : s.endsWith("K") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    /** A property's value, with a ${ENV:default} placeholder read as its default. */
    private static String value(Properties config, String key) {
        String raw = config.getProperty(key);
        if (raw == null) {
            throw new AssertionError(key + " is not set");
        }
        Matcher placeholder = Pattern.compile("\\$\\{[A-Z0-9_]+:([^}]*)}").matcher(raw);
        return placeholder.matches() ? placeholder.group(1) : raw;
    }

    private static Properties properties(String service) {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(ROOT.resolve(service + "/src/main/resources/application.properties"))) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
