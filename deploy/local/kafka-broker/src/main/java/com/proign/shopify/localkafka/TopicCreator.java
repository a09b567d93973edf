package com.proign.shopify.localkafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics listed in deploy/kafka-topics.txt that the broker does not have yet.
 * One JVM for the whole list; run twice, it changes nothing.
 *
 * <p>Usage: {@code TopicCreator <bootstrap-servers> <topics-file>}
 */
public final class TopicCreator {

    record TopicSpec(String name, int partitions, long retentionMs, String cleanupPolicy) {
        NewTopic toNewTopic() {
            return new NewTopic(name, partitions, (short) 1).configs(Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                    TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy));
        }
    }

    private TopicCreator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: TopicCreator <bootstrap-servers> <topics-file>");
            System.exit(2);
        }
        List<TopicSpec> specs = parse(Files.readAllLines(Path.of(args[1])));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = specs.stream()
                    .filter(spec -> !existing.contains(spec.name()))
                    .map(TopicSpec::toNewTopic)
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get();
                } catch (ExecutionException e) {
                    // another caller created it in between: the end state is the same
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            admin.describeTopics(specs.stream().map(TopicSpec::name).toList()).allTopicNames()
                    .get(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            System.out.printf("topics: %d listed, %d created%n", specs.size(), missing.size());
        }
    }

    static List<TopicSpec> parse(List<String> lines) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 4) {
                throw new IllegalArgumentException("expected 'name partitions retention.ms cleanup.policy': " + line);
            }
            specs.add(new TopicSpec(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3]));
        }
        return specs;
    }
}
