package com.proign.shopify.localkafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics listed in deploy/kafka-topics.txt that the broker does not have yet, and sets the listed
 * configuration (retention, cleanup policy, largest record) on those it has, so a broker kept from an earlier run
 * follows the list too. One JVM for the whole list; run twice, it changes nothing.
 *
 * <p>Usage: {@code TopicCreator <bootstrap-servers> <topics-file>}
 */
public final class TopicCreator {

    record TopicSpec(String name, int partitions, long retentionMs, String cleanupPolicy, int maxMessageBytes) {
        Map<String, String> configs() {
            return Map.of(
                    TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                    TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(maxMessageBytes));
        }

        NewTopic toNewTopic() {
            return new NewTopic(name, partitions, (short) 1).configs(configs());
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
            int altered = alignConfigs(admin, specs.stream().filter(spec -> existing.contains(spec.name())).toList());
            System.out.printf("topics: %d listed, %d created, %d reconfigured%n", specs.size(), missing.size(), altered);
        }
    }

    /** Sets the listed values where an existing topic differs; answers how many topics changed. */
    private static int alignConfigs(Admin admin, List<TopicSpec> specs) throws Exception {
        if (specs.isEmpty()) {
            return 0;
        }
        List<ConfigResource> resources = specs.stream()
                .map(spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name())).toList();
        var current = admin.describeConfigs(resources).all().get();
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        for (TopicSpec spec : specs) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
            List<AlterConfigOp> ops = spec.configs().entrySet().stream()
                    .filter(wanted -> {
                        ConfigEntry entry = current.get(resource).get(wanted.getKey());
                        return entry == null || !wanted.getValue().equals(entry.value());
                    })
                    .map(wanted -> new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET))
                    .toList();
            if (!ops.isEmpty()) {
                changes.put(resource, ops);
            }
        }
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get();
        }
        return changes.size();
    }

    static List<TopicSpec> parse(List<String> lines) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 5) {
                throw new IllegalArgumentException(
                        "expected 'name partitions retention.ms cleanup.policy max.message.bytes': " + line);
            }
            specs.add(new TopicSpec(f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3], Integer.parseInt(f[4])));
        }
        return specs;
    }
}
