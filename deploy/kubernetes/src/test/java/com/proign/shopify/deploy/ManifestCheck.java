package com.proign.shopify.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Renders a Kustomize overlay with {@code kubectl kustomize}, reads every manifest into fabric8's Kubernetes model
 * and checks it against the services themselves (their application.properties, their REST paths) and the suite's
 * topic list: what {@link #problems()} returns is what would break on a cluster.
 */
final class ManifestCheck {

    static final List<String> SERVICES = List.of("webhook-gateway", "order-service", "sync-service", "integration-service");
    /** Kinds the operators bring (Strimzi, CloudNativePG): read as generic resources, checked by apiVersion. */
    private static final Map<String, String> CUSTOM_KINDS = Map.of("KafkaTopic", "kafka.strimzi.io/v1beta2",
            "Cluster", "postgresql.cnpg.io/v1", "Database", "postgresql.cnpg.io/v1");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");
    private static final Pattern API_PATH = Pattern.compile("@Path\\(\"/api/\\{tenant}/([a-z-]+)");
    /** The operators' families: /ops/X/... */
    private static final Pattern OPS_PATH = Pattern.compile("@Path\\(\"/ops/([a-z-]+)");

    private final Path root;
    private final List<HasMetadata> objects;
    private final List<String> problems = new ArrayList<>();

    private ManifestCheck(Path root, List<HasMetadata> objects) {
        this.root = root;
        this.objects = objects;
    }

    /** The reactor's root (the suite.root property Maven passes, else found from the working directory). */
    static Path root() {
        String configured = System.getProperty("suite.root");
        Path start = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/kubernetes/base"))) {
                return p;
            }
        }
        throw new IllegalStateException("no deploy/kubernetes/base above " + start);
    }

    /** Renders {@code kustomization} (a directory) and checks it, with the services' sources under {@code root}. */
    static ManifestCheck of(Path root, Path kustomization) {
        String yaml = render(kustomization);
        KubernetesList list = new KubernetesSerialization().unmarshal(yaml, KubernetesList.class);
        ManifestCheck check = new ManifestCheck(root, list.getItems());
        check.run();
        return check;
    }

    static String render(Path kustomization) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", kustomization.toString()).redirectErrorStream(false).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + err);
            }
            // a YAML stream of documents into one List document, as the model reads it
            String stream = new String(out, StandardCharsets.UTF_8);
            StringBuilder items = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
            for (String doc : stream.split("(?m)^---\\s*$")) {
                if (doc.isBlank()) {
                    continue;
                }
                String[] lines = doc.strip().split("\n");
                items.append("- ").append(lines[0]).append('\n');
                for (int i = 1; i < lines.length; i++) {
                    items.append("  ").append(lines[i]).append('\n');
                }
            }
            return items.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<HasMetadata> objects() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private void problem(String text) {
        problems.add(text);
    }

    private void run() {
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource generic) {
                String expected = CUSTOM_KINDS.get(generic.getKind());
                if (expected == null) {
                    problem(generic.getKind() + " " + name(generic) + " is not a kind of the Kubernetes model nor of the operators'");
                } else if (!expected.equals(generic.getApiVersion())) {
                    problem(generic.getKind() + " " + name(generic) + " has apiVersion " + generic.getApiVersion() + ", not " + expected);
                }
            }
        }
        secrets();
        Set<String> topicsDeclared = topics();
        for (String service : SERVICES) {
            service(service, topicsDeclared);
        }
        ingress();
        networkPolicies();
    }

    private static String name(HasMetadata object) {
        return object.getMetadata() == null ? "?" : object.getMetadata().getName();
    }

    /** No Secret carries a value: they are created on the cluster, never committed. */
    private void secrets() {
        for (Secret secret : all(Secret.class)) {
            if ((secret.getData() != null && !secret.getData().isEmpty())
                    || (secret.getStringData() != null && !secret.getStringData().isEmpty())) {
                problem("Secret " + name(secret) + " carries values; Secrets are created on the cluster (deploy/README.md)");
            }
        }
    }

    /**
     * The KafkaTopics: exactly deploy/kafka-topics.txt (name, partitions, retention, cleanup policy, largest record);
     * their names.
     */
    private Set<String> topics() {
        Map<String, String[]> listed = new LinkedHashMap<>();
        for (String line : lines(root.resolve("deploy/kafka-topics.txt"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] fields = trimmed.split("\\s+");
                listed.put(fields[0], fields);
            }
        }
        Set<String> declared = new TreeSet<>();
        for (GenericKubernetesResource topic : objects.stream().filter(o -> o instanceof GenericKubernetesResource g
                && "KafkaTopic".equals(g.getKind())).map(GenericKubernetesResource.class::cast).toList()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) topic.getAdditionalProperties().get("spec");
            String name = spec == null ? null : (String) spec.get("topicName");
            if (name == null) {
                problem("KafkaTopic " + name(topic) + " has no spec.topicName");
                continue;
            }
            declared.add(name);
            String[] row = listed.get(name);
            if (row == null) {
                problem("KafkaTopic " + name + " is not in deploy/kafka-topics.txt");
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) spec.getOrDefault("config", Map.of());
            if (!Objects.equals(String.valueOf(spec.get("partitions")), row[1])) {
                problem("KafkaTopic " + name + " has " + spec.get("partitions") + " partitions, deploy/kafka-topics.txt " + row[1]);
            }
            if (!Objects.equals(String.valueOf(config.get("retention.ms")), row[2])) {
                problem("KafkaTopic " + name + " keeps records " + config.get("retention.ms") + " ms, deploy/kafka-topics.txt " + row[2]);
            }
            if (!Objects.equals(String.valueOf(config.get("cleanup.policy")), row[3])) {
                problem("KafkaTopic " + name + " is cleaned by " + config.get("cleanup.policy") + ", deploy/kafka-topics.txt " + row[3]);
            }
            if (!Objects.equals(String.valueOf(config.get("max.message.bytes")), row[4])) {
                problem("KafkaTopic " + name + " takes records up to " + config.get("max.message.bytes")
                        + " bytes, deploy/kafka-topics.txt " + row[4]);
            }
        }
        for (String name : listed.keySet()) {
            if (!declared.contains(name)) {
                problem("topic " + name + " of deploy/kafka-topics.txt has no KafkaTopic");
            }
        }
        return declared;
    }

    private void service(String service, Set<String> topicsDeclared) {
        Properties config = properties(root.resolve(service + "/src/main/resources/application.properties"));
        Deployment deployment = all(Deployment.class).stream().filter(d -> service.equals(name(d))).findFirst().orElse(null);
        if (deployment == null) {
            problem("no Deployment " + service);
            return;
        }
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        Container container = containers.stream().filter(c -> service.equals(c.getName())).findFirst().orElse(null);
        if (container == null) {
            problem("Deployment " + service + " has no container " + service);
            return;
        }
        String port = config.getProperty("quarkus.http.port");
        Map<String, Object> env = environment(deployment, container);
        Object portFromEnv = env.get("QUARKUS_HTTP_PORT");
        String effectivePort = portFromEnv instanceof String s ? s : port;
        Integer http = container.getPorts() == null ? null : container.getPorts().stream()
                .filter(p -> "http".equals(p.getName())).map(p -> p.getContainerPort()).findFirst().orElse(null);
        if (http == null || !String.valueOf(http).equals(effectivePort)) {
            problem(service + ": container port http is " + http + " but the service listens on " + effectivePort);
        }
        String healthRoot = "/q/health";
        probe(service, "startup", container.getStartupProbe(), healthRoot + "/started");
        probe(service, "readiness", container.getReadinessProbe(), healthRoot + "/ready");
        probe(service, "liveness", container.getLivenessProbe(), healthRoot + "/live");

        Service svc = all(Service.class).stream().filter(s -> service.equals(name(s))).findFirst().orElse(null);
        if (svc == null) {
            problem("no Service " + service);
        } else {
            boolean routes = svc.getSpec().getPorts().stream().anyMatch(p -> "http".equals(p.getName())
                    && p.getTargetPort() != null && ("http".equals(p.getTargetPort().getStrVal())
                            || Objects.equals(p.getTargetPort().getIntVal(), http)));
            if (!routes) {
                problem("Service " + service + " does not route its port http to the container's");
            }
            Map<String, String> selector = svc.getSpec().getSelector();
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if (selector == null || !selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
                problem("Service " + service + " selects " + selector + ", not the pods of its Deployment " + labels);
            }
        }

        // every environment variable the configuration requires (a ${VAR} without default) is given; every one
        // given is one the configuration reads (or a Quarkus property)
        Set<String> read = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (String value : config.stringPropertyNames().stream().map(config::getProperty).toList()) {
            Matcher m = PLACEHOLDER.matcher(value);
            while (m.find()) {
                read.add(m.group(1));
                if (m.group(2) == null) {
                    required.add(m.group(1));
                }
            }
        }
        for (String variable : required) {
            if (!env.containsKey(variable)) {
                problem(service + ": " + variable + " is required by its configuration but not set");
            }
        }
        for (String variable : env.keySet()) {
            if (!read.contains(variable) && !variable.startsWith("QUARKUS_")) {
                problem(service + ": " + variable + " is set but its configuration reads no such variable");
            }
        }
        // every file the environment points at (keys, identities) lies in a volume the container mounts
        List<String> mounts = container.getVolumeMounts() == null ? List.of()
                : container.getVolumeMounts().stream().map(m -> m.getMountPath().endsWith("/") ? m.getMountPath()
                        : m.getMountPath() + "/").toList();
        env.forEach((variable, value) -> {
            if (value instanceof String path && path.startsWith("/") && mounts.stream().noneMatch(path::startsWith)) {
                problem(service + ": " + variable + " points at " + path + ", which no volume of the container holds");
            }
        });
        var security = container.getSecurityContext();
        var podSecurity = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
            problem(service + ": the pod may run as root");
        }
        if (security == null || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
                || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            problem(service + ": the container's root file system is writable or it may escalate privileges");
        }
        if (container.getResources() == null || container.getResources().getRequests() == null
                || container.getResources().getLimits() == null || !container.getResources().getLimits().containsKey("memory")) {
            problem(service + ": no resource requests or memory limit");
        }

        // every topic the service reads or writes exists as a KafkaTopic
        for (String key : config.stringPropertyNames()) {
            if (key.endsWith(".topic") || key.startsWith("gateway.topics.")) {
                String topic = config.getProperty(key);
                if (!topicsDeclared.contains(topic)) {
                    problem(service + ": topic " + topic + " (" + key + ") has no KafkaTopic");
                }
            }
        }
    }

    private void probe(String service, String kind, Probe probe, String path) {
        if (probe == null || probe.getHttpGet() == null) {
            problem(service + ": no " + kind + " probe");
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            problem(service + ": the " + kind + " probe asks " + probe.getHttpGet().getPath() + ", the service answers " + path);
        }
        if (probe.getHttpGet().getPort() == null || !"http".equals(probe.getHttpGet().getPort().getStrVal())) {
            problem(service + ": the " + kind + " probe is not on the port http");
        }
    }

    /** The container's variables: from env, and from the ConfigMaps of envFrom (which must exist in the overlay). */
    private Map<String, Object> environment(Deployment deployment, Container container) {
        Map<String, Object> env = new HashMap<>();
        if (container.getEnvFrom() != null) {
            for (EnvFromSource from : container.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    String name = from.getConfigMapRef().getName();
                    ConfigMap map = all(ConfigMap.class).stream().filter(c -> name.equals(name(c))).findFirst().orElse(null);
                    if (map == null) {
                        problem(name(deployment) + ": envFrom ConfigMap " + name + " is not in the manifests");
                    } else if (map.getData() != null) {
                        env.putAll(map.getData());
                    }
                }
            }
        }
        if (container.getEnv() != null) {
            for (EnvVar var : container.getEnv()) {
                env.put(var.getName(), var.getValue() != null ? var.getValue() : var.getValueFrom());
            }
        }
        return env;
    }

    /**
     * The Ingress's paths are deploy/ingress-routes.txt, row by row (path, pathType, service), the table the local
     * ingress is generated from: the two origins route alike.
     */
    private void routesTable(List<HTTPIngressPath> paths) {
        List<String> table = new ArrayList<>();
        for (String line : lines(root.resolve("deploy/ingress-routes.txt"))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                table.add(String.join(" ", trimmed.split("\\s+")));
            }
        }
        List<String> ingress = paths.stream().map(p -> p.getPath() + " " + p.getPathType() + " "
                + p.getBackend().getService().getName()).toList();
        if (!table.equals(ingress)) {
            problem("the Ingress's paths are not deploy/ingress-routes.txt (which the local ingress serves):\n  Ingress: "
                    + ingress + "\n  table:   " + table);
        }
    }

    /**
     * /webhooks/shopify to the gateway; each /api/{tenant}/X and /ops/X family to the module whose REST paths start
     * so; no /internal.
     */
    private void ingress() {
        Map<String, String> owners = new HashMap<>();
        for (String service : SERVICES) {
            for (String family : apiFamilies(service)) {
                owners.put(family, service);
            }
        }
        List<HTTPIngressPath> paths = all(Ingress.class).stream().flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream()).toList();
        routesTable(paths);
        Map<String, String> opsOwners = new HashMap<>();
        for (String service : SERVICES) {
            for (String family : families(service, OPS_PATH)) {
                opsOwners.put(family, service);
            }
        }
        for (Map.Entry<String, String> owner : opsOwners.entrySet()) {
            String sample = "/ops/" + owner.getKey() + "/x";
            String routedTo = paths.stream().filter(p -> matches(p, sample)).map(p -> p.getBackend().getService().getName())
                    .findFirst().orElse(null);
            if (!owner.getValue().equals(routedTo)) {
                problem("the ingress routes " + sample + " to " + routedTo + ", but " + owner.getValue() + " serves it");
            }
        }
        for (Map.Entry<String, String> owner : owners.entrySet()) {
            String sample = "/api/some-tenant/" + owner.getKey() + "/x";
            String routedTo = paths.stream().filter(p -> matches(p, sample)).map(p -> p.getBackend().getService().getName())
                    .findFirst().orElse(null);
            if (!owner.getValue().equals(routedTo)) {
                problem("the ingress routes " + sample + " to " + routedTo + ", but " + owner.getValue() + " serves it");
            }
        }
        String webhooks = paths.stream().filter(p -> matches(p, "/webhooks/shopify")).map(p -> p.getBackend().getService().getName())
                .findFirst().orElse(null);
        if (!"webhook-gateway".equals(webhooks)) {
            problem("the ingress routes /webhooks/shopify to " + webhooks + ", not webhook-gateway");
        }
        // the ingress passes on every delivery the gateway accepts (its own limit answers, in problem details)
        long gatewayLimit = Long.parseLong(properties(root.resolve("webhook-gateway/src/main/resources/application.properties"))
                .getProperty("gateway.max-body-bytes").replaceAll("\\$\\{[A-Z_]+:([0-9]+)}", "$1"));
        for (Ingress ingress : all(Ingress.class)) {
            String size = ingress.getMetadata().getAnnotations() == null ? null
                    : ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size");
            if (size == null || bytes(size) < gatewayLimit) {
                problem("Ingress " + name(ingress) + " passes bodies up to " + size + ", less than the gateway's "
                        + gatewayLimit + " bytes");
            }
        }
        for (HTTPIngressPath path : paths) {
            if (matches(path, "/internal/tenants/t/shopify-access") || matches(path, "/q/metrics")) {
                problem("the ingress exposes internal or management endpoints through " + path.getPath());
            }
            Service backend = all(Service.class).stream().filter(s -> s.getMetadata().getName().equals(path.getBackend().getService().getName()))
                    .findFirst().orElse(null);
            if (backend == null) {
                problem("the ingress path " + path.getPath() + " goes to a Service that does not exist: " + path.getBackend().getService().getName());
            }
        }
    }

    /** nginx's size notation: 9m, 512k or bytes. */
    private static long bytes(String size) {
        String s = size.strip().toLowerCase();
        long unit = s.endsWith("g") ? 1L << 30 : s.endsWith("m") ? 1L << 20 : s.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static boolean matches(HTTPIngressPath path, String request) {
        if ("Prefix".equals(path.getPathType()) || "Exact".equals(path.getPathType())) {
            return request.equals(path.getPath()) || "Prefix".equals(path.getPathType()) && request.startsWith(path.getPath() + "/");
        }
        return Pattern.compile("^" + path.getPath()).matcher(request).find();
    }

    /** The /api/{tenant}/X families a service's resources declare. */
    private Set<String> apiFamilies(String service) {
        return families(service, API_PATH);
    }

    /** The path families (the pattern's first group) a service's resources declare. */
    private Set<String> families(String service, Pattern declared) {
        try (Stream<Path> files = Files.walk(root.resolve(service + "/src/main/java"))) {
            Set<String> families = new TreeSet<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = declared.matcher(Files.readString(file));
                while (m.find()) {
                    families.add(m.group(1));
                }
            }
            return families;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * integration-service's internal endpoints are reachable from the pods that call it (those configured with
     * INTEGRATION_SERVICE_URL), and only from those and the ingress controller.
     */
    private void networkPolicies() {
        List<NetworkPolicy> policies = all(NetworkPolicy.class);
        if (policies.stream().noneMatch(p -> empty(p.getSpec().getPodSelector().getMatchLabels())
                && empty(p.getSpec().getPodSelector().getMatchExpressions()) && empty(p.getSpec().getIngress())
                && p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Ingress"))) {
            problem("no default-deny NetworkPolicy");
        }
        Set<String> callers = new HashSet<>();
        for (Deployment deployment : all(Deployment.class)) {
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            if (environment(deployment, container).containsKey("INTEGRATION_SERVICE_URL")) {
                callers.add(name(deployment));
                Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
                if (!"true".equals(labels.get("proign.io/calls-integration-service"))) {
                    problem(name(deployment) + " calls integration-service but its pods lack proign.io/calls-integration-service=true");
                }
            }
        }
        for (Deployment deployment : all(Deployment.class)) {
            Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            if ("true".equals(labels.get("proign.io/calls-integration-service")) && !callers.contains(name(deployment))) {
                problem(name(deployment) + " may reach integration-service's internal endpoints without needing them");
            }
        }
        boolean allowed = policies.stream().anyMatch(p -> {
            Map<String, String> target = p.getSpec().getPodSelector().getMatchLabels();
            return target != null && "integration-service".equals(target.get("app.kubernetes.io/name")) && p.getSpec().getIngress() != null
                    && p.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                            .anyMatch(f -> f.getPodSelector() != null && f.getPodSelector().getMatchLabels() != null
                                    && "true".equals(f.getPodSelector().getMatchLabels().get("proign.io/calls-integration-service")));
        });
        if (!allowed) {
            problem("no NetworkPolicy lets the gateway and the sync-service reach integration-service");
        }
    }

    private static boolean empty(Object value) {
        return value == null || value instanceof Map<?, ?> m && m.isEmpty() || value instanceof List<?> l && l.isEmpty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // profile-specific keys (%test., %prod.) are not what a container runs with, except %prod.
        Properties effective = new Properties();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith("%")) {
                effective.setProperty(key, properties.getProperty(key));
            }
        }
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%prod.")) {
                effective.setProperty(key.substring("%prod.".length()), properties.getProperty(key));
            }
        }
        return effective;
    }

    @Override
    public String toString() {
        return problems.stream().collect(Collectors.joining("\n  ", "problems:\n  ", ""));
    }
}
