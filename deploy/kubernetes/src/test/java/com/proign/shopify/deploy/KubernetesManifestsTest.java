package com.proign.shopify.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Every overlay renders with {@code kubectl kustomize} and matches the services (ManifestCheck); and the check is
 * no formality: a copy of the manifests with a probe path, a port or a topic broken fails it, naming what broke.
 */
class KubernetesManifestsTest {

    static final Path ROOT = ManifestCheck.root();

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyOverlayRendersAndMatchesTheServices(String overlay) {
        ManifestCheck check = ManifestCheck.of(ROOT, ROOT.resolve("deploy/kubernetes/overlays/" + overlay));
        assertEquals(List.of(), check.problems(), check.toString());
        assertEquals(4, check.all(Deployment.class).size());
        assertTrue(check.objects().size() >= 30, "rendered " + check.objects().size() + " objects");
    }

    @Test
    void prodTracesAndLogsJsonAndKeepsTwoOfEach() {
        ManifestCheck check = ManifestCheck.of(ROOT, ROOT.resolve("deploy/kubernetes/overlays/prod"));
        var observability = check.all(io.fabric8.kubernetes.api.model.ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("proign-observability")).findFirst().orElseThrow();
        assertEquals("false", observability.getData().get("QUARKUS_OTEL_SDK_DISABLED"));
        assertEquals("true", observability.getData().get("LOG_JSON"));
        for (Deployment deployment : check.all(Deployment.class)) {
            assertTrue(deployment.getSpec().getReplicas() >= 2, deployment.getMetadata().getName());
            assertEquals("proign", deployment.getMetadata().getNamespace());
        }
    }

    @Test
    void aBrokenProbePortOrTopicFailsTheCheck(@TempDir Path copy) throws IOException {
        Path kubernetes = copy.resolve("deploy/kubernetes");
        copyTree(ROOT.resolve("deploy/kubernetes/base"), kubernetes.resolve("base"));
        copyTree(ROOT.resolve("deploy/kubernetes/overlays"), kubernetes.resolve("overlays"));
        ManifestCheck intact = ManifestCheck.of(ROOT, kubernetes.resolve("overlays/dev"));
        assertEquals(List.of(), intact.problems(), "the copy checks clean before it is broken: " + intact);

        replace(kubernetes.resolve("base/pod-defaults.yaml"), "path: /q/health/ready", "path: /health/ready");
        replace(kubernetes.resolve("base/sync-service.yaml"), "containerPort: 8083", "containerPort: 8080");
        replace(kubernetes.resolve("base/kafka-topics.yaml"), "topicName: shopify.inventory-levels", "topicName: shopify.inventory");
        replace(kubernetes.resolve("base/webhook-gateway.yaml"), "mountPath: /etc/proign/identity", "mountPath: /etc/proign/id");

        List<String> problems = ManifestCheck.of(ROOT, kubernetes.resolve("overlays/dev")).problems();
        assertTrue(problems.contains("sync-service: the readiness probe asks /health/ready, the service answers /q/health/ready"), String.join("\n", problems));
        assertTrue(problems.contains("sync-service: container port http is 8080 but the service listens on 8083"), String.join("\n", problems));
        assertTrue(problems.contains("sync-service: topic shopify.inventory-levels (mp.messaging.incoming.shopify-inventory-levels.topic) has no KafkaTopic"),
                String.join("\n", problems));
        assertTrue(problems.contains("KafkaTopic shopify.inventory is not in deploy/kafka-topics.txt"), String.join("\n", problems));
        assertTrue(problems.contains("webhook-gateway: SERVICE_IDENTITY_KEY points at /etc/proign/identity/private-key.pem, "
                + "which no volume of the container holds"), String.join("\n", problems));
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " has no " + from);
        Files.writeString(file, text.replace(from, to));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
