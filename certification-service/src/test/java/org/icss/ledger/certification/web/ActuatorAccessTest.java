package org.icss.ledger.certification.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.certification.CertificationServiceApplication;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator of a running service (the platform's rules, the same in every service; certification-service has
 * both a database and a Kafka health indicator): health and its probes answer anyone, with the status alone; only an
 * ADMIN key sees the components and their details (disk paths and sizes, the Kafka cluster id); metrics, prometheus
 * and the actuator index are ADMIN only, refused as problem+json.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ActuatorAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestKeys.Key MEMBER_BODY = TestKeys.memberBody("CSIAU");
    private static final TestKeys.Key COMPLIANCE = TestKeys.role("COMPLIANCE");
    private static final TestKeys.Key ADMIN = TestKeys.role("ADMIN");

    private static ConfigurableApplicationContext service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LedgerInfrastructure infra) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String publishTopic = "icss.certification.events-" + run;
        String auditTopic = "icss.audit.events-" + run;
        infra.createTopics(publishTopic, auditTopic);
        String database = infra.createDatabase("certification_actuator");
        service = CertificationServiceApplication.application().run(TestKeys.withKeys(
                List.of(MEMBER_BODY, COMPLIANCE, ADMIN),
                "--server.port=0",
                "--icss.schedule.first-advance-after=P1D",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=" + publishTopic,
                "--icss.kafka.consume-topics=" + auditTopic,
                "--spring.main.banner-mode=off"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void healthAndProbesAnswerAnyoneWithTheStatusAlone() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
            for (TestKeys.Key key : java.util.Arrays.asList(null, MEMBER_BODY, COMPLIANCE)) {
                Response health = get(path, key);
                String who = path + " " + (key == null ? "anonymous" : key.id());
                assertThat(health.status()).as(who).isEqualTo(200);
                assertThat(health.json().path("status").asText()).as(who).isEqualTo("UP");
                assertThat(health.json().has("components")).as(who).isFalse();
                assertThat(health.json().has("details")).as(who).isFalse();
                assertThat(health.body()).as(who).doesNotContain("clusterId").doesNotContain("diskSpace")
                        .doesNotContain("total").doesNotContain("path");
            }
        }
        assertThat(get("/actuator/health/diskSpace", null).body()).doesNotContain("total").doesNotContain("path");
        assertThat(get("/actuator/health/kafka", null).body()).doesNotContain("clusterId");
    }

    @Test
    void anAdminKeySeesTheDetails() {
        JsonNode health = get("/actuator/health", ADMIN).json();

        assertThat(health.path("components").path("kafka").path("details").path("clusterId").asText()).isNotBlank();
        assertThat(health.path("components").path("diskSpace").path("details").has("total")).isTrue();
    }

    @Test
    void metricsPrometheusAndTheIndexAreForAdminOnly() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/prometheus",
                "/actuator")) {
            assertProblem(get(path, null), 401, "/problems/unauthenticated", path);
            assertProblem(get(path, MEMBER_BODY), 403, "/problems/forbidden", path);
            assertProblem(get(path, COMPLIANCE), 403, "/problems/forbidden", path);
            assertThat(get(path, ADMIN).status()).as(path).isEqualTo(200);
        }
        // a Prometheus scrape sends the key as "Authorization: ApiKey <key>" (scrape_config authorization.type ApiKey)
        Response scraped = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", "ApiKey " + ADMIN.key()).GET().build());
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("application=\"certification-service\"");
    }

    private static void assertProblem(Response response, int status, String type, String what) {
        assertThat(response.status()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).as(what).isEqualTo(type);
    }

    private Response get(String path, TestKeys.Key key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("X-API-Key", key.key());
        }
        return send(request.build());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort()
                + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

}
