package org.icss.ledger.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Structural checks of the production manifests (no Kubernetes schema validator is available from the package
 * registries this project may use): what each Deployment must have to run the ledger safely at scale, and that the
 * compose file has the promised shape.
 */
class DeploymentManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Path COMPOSE = Path.of("compose/docker-compose.yml");
    private static final List<String> SERVICES = List.of("audit-service", "certification-service",
            "awards-service", "registry-query");

    @ParameterizedTest
    @ValueSource(strings = {"audit-service", "certification-service", "awards-service", "registry-query"})
    void eachServiceRunsTwoReplicasWithProbesResourcesAndItsConfiguration(String service) throws IOException {
        Map<String, Object> deployment = one(service, "Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertThat((Integer) spec.get("replicas")).isGreaterThanOrEqualTo(2);
        Map<String, Object> container = list(map(map(spec, "template"), "spec"), "containers").get(0);
        assertThat(path(container, "readinessProbe", "httpGet", "path")).isEqualTo("/actuator/health/readiness");
        assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
        assertThat(path(container, "resources", "requests", "cpu")).isNotNull();
        assertThat(path(container, "resources", "requests", "memory")).isNotNull();
        assertThat(path(container, "resources", "limits", "memory")).isNotNull();
        assertThat(list(container, "envFrom")).extracting(e -> path(e, "configMapRef", "name"))
                .containsExactly("icss-ledger-config");
        assertThat(list(container, "env")).anySatisfy(e ->
                assertThat(path(e, "valueFrom", "secretKeyRef", "name")).isEqualTo("icss-ledger-db"));
        assertThat(map(map(spec, "selector"), "matchLabels"))
                .isEqualTo(map(map(map(spec, "template"), "metadata"), "labels").entrySet().stream()
                        .filter(label -> label.getKey().equals("app.kubernetes.io/name"))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit-service", "certification-service", "awards-service", "registry-query"})
    void eachServiceHasAServiceOnItsPortAnAutoscalerAndADisruptionBudget(String service) throws IOException {
        Map<String, Object> container = list(map(map(map(one(service, "Deployment"), "spec"), "template"), "spec"),
                "containers").get(0);
        Map<String, Object> port = list(container, "ports").get(0);

        Map<String, Object> svc = one(service, "Service");
        assertThat(path(svc, "spec", "selector")).isEqualTo(Map.of("app.kubernetes.io/name", service));
        assertThat(list(map(svc, "spec"), "ports").get(0).get("targetPort")).isEqualTo(port.get("name"));

        Map<String, Object> hpa = one(service, "HorizontalPodAutoscaler");
        assertThat(path(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(service);
        assertThat((Integer) path(hpa, "spec", "minReplicas")).isGreaterThanOrEqualTo(2);
        assertThat(one(service, "PodDisruptionBudget")).isNotNull();
    }

    @Test
    void theConfigMapCarriesEverySettingTheServicesRead() throws IOException {
        Map<String, Object> config = documents().stream()
                .filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        assertThat(map(config, "data")).containsKeys("ICSS_PG_HOST", "ICSS_PG_PORT", "ICSS_PG_USER",
                "ICSS_KAFKA_BOOTSTRAP", "ICSS_PROCESSING_SEGMENTS", "ICSS_CLAIM_TIMEOUT", "ICSS_SHUTDOWN_TIMEOUT",
                "ICSS_PROCESSING_DEAD_LETTER_AFTER");
        // enough segments for the autoscaler's largest replica count to give each replica work
        int segments = Integer.parseInt(String.valueOf(map(config, "data").get("ICSS_PROCESSING_SEGMENTS")));
        for (String service : SERVICES) {
            assertThat((Integer) path(one(service, "HorizontalPodAutoscaler"), "spec", "maxReplicas"))
                    .as(service + "'s maxReplicas").isLessThanOrEqualTo(segments);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"audit-service", "certification-service", "awards-service", "registry-query"})
    void eachPodHasTimeForTheGracefulShutdownBeforeItIsKilled(String service) throws IOException {
        Map<String, Object> config = documents().stream()
                .filter(d -> "ConfigMap".equals(d.get("kind"))).findFirst().orElseThrow();
        long shutdown = java.time.Duration.parse("PT" + String.valueOf(map(config, "data").get("ICSS_SHUTDOWN_TIMEOUT"))
                .toUpperCase(java.util.Locale.ROOT)).toSeconds();
        Map<String, Object> podSpec = map(map(map(one(service, "Deployment"), "spec"), "template"), "spec");
        // preStop sleep, then the server's and the processors' shutdown phases must end before SIGKILL
        assertThat((Integer) podSpec.get("terminationGracePeriodSeconds")).isGreaterThan((int) shutdown + 5);
    }

    @Test
    void composeRunsAThreeNodeKraftClusterAndTwoReplicasOfEachService() throws IOException {
        Map<String, Object> compose;
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            compose = new Yaml().load(reader);
        }
        Map<String, Object> services = map(compose, "services");
        for (int node = 1; node <= 3; node++) {
            Map<String, Object> env = map(map(services, "kafka-" + node), "environment");
            assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                    .isEqualTo("1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
            assertThat(env.get("KAFKA_NODE_ID")).isEqualTo(String.valueOf(node));
            assertThat(env.get("KAFKA_LOG_RETENTION_MS")).as("replays read the topics from offset 0").isEqualTo("-1");
        }
        for (String service : SERVICES) {
            assertThat(path(map(services, service), "deploy", "replicas")).as(service).isEqualTo(2);
            assertThat(path(map(services, service), "environment", "ICSS_KAFKA_BOOTSTRAP")).as(service)
                    .isEqualTo("kafka-1:9092,kafka-2:9092,kafka-3:9092");
        }
        assertThat(path(map(services, "kafka-topics"), "command").toString())
                .contains("--replication-factor 3").contains("icss.audit.events")
                .contains("icss.certification.events").contains("icss.awards.events");
    }

    private static Map<String, Object> one(String name, String kind) throws IOException {
        return documents().stream()
                .filter(d -> kind.equals(d.get("kind")) && name.equals(path(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    new Yaml().loadAll(reader).forEach(d -> documents.add((Map<String, Object>) d));
                }
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertThat(value).as(key).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current;
    }
}
