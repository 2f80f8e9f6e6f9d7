package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end: all four services, real PostgreSQL, a real KRaft broker, only public REST APIs.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class EndToEndTest {

    private static final Duration PROPAGATION = Duration.ofSeconds(60);

    private static LedgerSystem ledger;

    @BeforeAll
    static void startLedger(LedgerInfrastructure infra) {
        ledger = LedgerSystem.start(infra);
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void anAuditWithSixOrMoreOnEveryAttributeMakesTheOrganisationGoldInTheRegistry() {
        String org = register("Harbour Bank", "AU", "CSIAU");
        LocalDate auditedOn = LocalDate.of(2025, 3, 14);

        Response posted = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                audit("gold-1", auditedOn, 6));
        assertThat(posted.status()).isEqualTo(201);

        JsonNode standing = awaitRegistry("/api/v1/registry/organisations/" + org,
                json -> json.path("tier").asText().equals("GOLD"));
        JsonNode certificate = standing.path("certificate");
        assertThat(standing.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(certificate.path("certificateNumber").asText()).matches("ICSS-G-2025-[0-9A-F]{10}");
        assertThat(certificate.path("awardedOn").asText()).isEqualTo("2025-03-14");
        assertThat(certificate.path("validUntil").asText()).isEqualTo("2028-03-14");
        assertThat(certificate.path("auditId").asText()).isEqualTo("gold-1");

        Response verified = ledger.get("registry-query",
                "/api/v1/registry/certificates/" + certificate.path("certificateNumber").asText());
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("verdict").asText()).isEqualTo("VALID");
        assertThat(verified.json().path("organisationName").asText()).isEqualTo("Harbour Bank");
    }

    @Test
    void anAuditWithAnyScoreBelowSixAwardsNoGoldButCertifiedFromFour() {
        String org = register("Corner Shop", "GR", "HICS");

        assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                audit("fails", LocalDate.of(2024, 5, 2), 5)).status()).isEqualTo(201);
        // the same organisation's events stay in order on one partition: once this later audit's Gold shows,
        // the failing audit before it has been decided too
        assertThat(ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                audit("passes", LocalDate.of(2024, 9, 20), 6)).status()).isEqualTo(201);

        JsonNode standing = awaitRegistry("/api/v1/registry/organisations/" + org,
                json -> json.path("tier").asText().equals("GOLD"));
        assertThat(standing.path("certificate").path("auditId").asText()).isEqualTo("passes");
        JsonNode before = ledger.get("registry-query", "/api/v1/registry/organisations/" + org
                + "?asOf=2024-09-19").json();
        assertThat(before.path("tier").asText()).isEqualTo("CERTIFIED");
        assertThat(before.path("certificate").path("certificateNumber").asText()).startsWith("ICSS-C-2024-");
        JsonNode history = ledger.get("registry-query", "/api/v1/compliance/organisations/" + org + "/history")
                .json();
        assertThat(eventTypes(history)).containsExactly("OrganisationRegistered", "AuditScored",
                "CertificationGranted", "AuditScored", "CertificateSuperseded", "GoldAwarded");
    }

    @Test
    void aPassedHealthCheckAppearsInTheOrganisationsHistory() {
        String org = register("Kowloon Telecom", "HK", "HKCSC");

        Response posted = ledger.post("audit-service", "/api/v1/organisations/" + org + "/health-checks",
                Map.of("checkedOn", "2025-06-01", "result", "PASSED"));
        assertThat(posted.status()).isEqualTo(201);

        // the write's position, in its header and its body; the registry says when it shows it
        assertThat(posted.header("ICSS-Position")).startsWith("audit:" + org + ":")
                .isEqualTo(posted.json().path("position").asText());
        JsonNode shown = ledger.awaitShown(posted);
        assertThat(shown.path("applied").asBoolean()).isTrue();
        assertThat(shown.path("position").asText()).isEqualTo(posted.header("ICSS-Position"));

        // nothing more to wait for: the history has it now
        JsonNode history = ledger.get("registry-query", "/api/v1/compliance/organisations/" + org + "/history")
                .json();
        JsonNode check = entry(history, "HealthCheckPassed");
        assertThat(check.path("effectiveOn").asText()).isEqualTo("2025-06-01");
        assertThat(check.path("recordedAt").asText()).isNotBlank();
        assertThat(check.path("eventId").asText()).isNotBlank();
    }

    @Test
    void anAwardWinAppearsInTheRegistry() {
        String org = register("Prairie Insurance", "US", "CSIA");

        Response posted = ledger.post("awards-service", "/api/v1/awards", Map.of("organisationId", org,
                "seasonYear", 2024, "category", "Customer Service Team of the Year", "wonOn", "2024-11-08"));
        assertThat(posted.status()).isEqualTo(201);

        assertThat(posted.header("ICSS-Position")).startsWith("awards:" + org + ":");
        ledger.awaitShown(posted);

        JsonNode standing = ledger.get("registry-query", "/api/v1/registry/organisations/" + org).json();
        assertThat(standing.path("awards").size()).isEqualTo(1);
        JsonNode award = standing.path("awards").get(0);
        assertThat(award.path("seasonYear").asInt()).isEqualTo(2024);
        assertThat(award.path("category").asText()).isEqualTo("Customer Service Team of the Year");
        assertThat(award.path("wonOn").asText()).isEqualTo("2024-11-08");
    }

    @Test
    void aRejectedAuditIsAProblemNamingEachOffendingAttribute() {
        String org = register("Sloppy Scores Ltd", "AU", "CSIAU");
        Map<String, Object> body = audit("bad", LocalDate.of(2025, 1, 10), 6);
        @SuppressWarnings("unchecked") Map<String, Object> scores = (Map<String, Object>) body.get("scores");
        scores.remove("SRV-01");
        scores.put("OPS-02", 11);

        Response response = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits", body);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode errors = response.json().path("errors");
        assertThat(errors.has("scores.SRV-01")).isTrue();
        assertThat(errors.has("scores.OPS-02")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("org.icss");
    }

    @Test
    void aScoreThatIsNotAnIntegerIsABadRequestNamingTheAttribute() {
        String org = register("Typo Traders", "AU", "CSIAU");
        Map<String, Object> body = audit("typo", LocalDate.of(2025, 1, 10), 6);
        @SuppressWarnings("unchecked") Map<String, Object> scores = (Map<String, Object>) body.get("scores");
        scores.put("SRV-04", "seven");

        Response response = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo("/problems/malformed");
        assertThat(response.json().path("errors").has("scores.SRV-04")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("com.fasterxml");
    }

    @Test
    void everyServiceIsHealthyAndReportsAxonMetricsToPrometheus() {
        // traffic through every service first: Axon registers a processor's meters when it handles a message
        String org = register("Metrics Pty", "AU", "CSIAU");
        Response audited = ledger.post("audit-service", "/api/v1/organisations/" + org + "/audits",
                audit("metrics-1", LocalDate.of(2025, 2, 3), 7));
        assertThat(audited.status()).as(audited.body()).isEqualTo(201);
        Response awarded = ledger.post("awards-service", "/api/v1/awards", Map.of("organisationId", org,
                "seasonYear", 2025, "category", "Contact Centre", "wonOn", "2025-02-03"));
        assertThat(awarded.status()).as(awarded.body()).isEqualTo(201);
        awaitRegistry("/api/v1/registry/organisations/" + org,
                json -> json.path("tier").asText().equals("GOLD") && json.path("awards").size() == 1);

        for (String service : List.of("audit-service", "certification-service", "awards-service",
                "registry-query")) {
            Response health = ledger.get(service, "/actuator/health");
            assertThat(health.status()).as(service).isEqualTo(200);
            assertThat(health.json().path("status").asText()).as(service).isEqualTo("UP");

            Response prometheus = ledger.get(service, "/actuator/prometheus");
            assertThat(prometheus.status()).as(service).isEqualTo(200);
            assertThat(prometheus.body()).as(service)
                    .contains("eventProcessor")
                    .contains("application=\"" + service + "\"");
        }
    }

    @Test
    void everyServiceDescribesItsApiWithEveryProblemEachOperationCanAnswer() {
        Map<String, String> documents = Map.of("audit-service", "/api-docs/audit",
                "certification-service", "/api-docs/certification", "awards-service", "/api-docs/awards",
                "registry-query", "/api-docs/registry");
        Map<String, Map<String, Map<String, java.util.Set<String>>>> problems = new java.util.HashMap<>();
        documents.forEach((service, path) -> {
            Response document = ledger.send("GET", service, path, null, null);
            assertThat(document.status()).as(service).isEqualTo(200);
            assertThat(document.json().path("openapi").asText()).as(service).startsWith("3.");
            assertThat(document.json().path("paths").size()).as(service).isPositive();
            assertThat(ApiDescriptions.shortcomings(document.json())).as(service).isEmpty();
            problems.put(service, ApiDescriptions.problems(document.json()));
        });

        // what each endpoint refuses for its own reasons, with the problem type a client can act on
        assertThat(problems.get("audit-service").get("POST /api/v1/organisations").get("409"))
                .contains("/problems/duplicate-registration");
        assertThat(problems.get("audit-service").get("POST /api/v1/organisations/{organisationId}/audits"))
                .containsKeys("401", "403", "404", "413", "415", "422")
                .satisfies(audit -> assertThat(audit.get("409")).contains("/problems/duplicate-audit",
                        "/problems/idempotency-key-reused"));
        assertThat(problems.get("awards-service").get("POST /api/v1/awards").get("409"))
                .contains("/problems/duplicate-award");
        assertThat(problems.get("certification-service")
                .get("POST /api/v1/professionals/{professionalId}/employments/{employmentId}/end").get("409"))
                .contains("/problems/employment-ended");
        assertThat(problems.get("registry-query").get("POST /api/v1/compliance/replays").get("409"))
                .contains("/problems/replay-running");
        // a public lookup needs no key: no 401 or 403 documented
        assertThat(problems.get("registry-query").get("GET /api/v1/registry/freshness"))
                .containsKey("400").doesNotContainKeys("401", "403");

        // the page that links the four, reachable from the home page
        Response page = ledger.send("GET", "registry-query", "/api.html", null, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/api-docs/registry", "/api-docs/audit", "/api-docs/certification",
                "/api-docs/awards");
        assertThat(ledger.send("GET", "registry-query", "/", null, null).body()).contains("href=\"api.html\"");
    }

    private static String register(String name, String country, String memberBody) {
        Response response = ledger.post("audit-service", "/api/v1/organisations",
                Map.of("name", name, "country", country, "memberBody", memberBody, "registeredOn", "2020-02-01"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String organisationId = response.json().path("organisationId").asText();
        ledger.awaitKnown(organisationId);
        return organisationId;
    }

    private static Map<String, Object> audit(String auditId, LocalDate auditedOn, int lowestScore) {
        return Workload.audit(auditId, auditedOn, 8, Map.of("LRN-03", lowestScore));
    }

    private static JsonNode awaitRegistry(String path, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200)).until(() -> {
            Response response = ledger.get("registry-query", path);
            return response.status() == 200 ? response.json() : null;
        }, json -> json != null && until.test(json));
    }

    private static List<String> eventTypes(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.path("events").forEach(event -> types.add(event.path("eventType").asText()));
        return types;
    }

    private static JsonNode entry(JsonNode history, String type) {
        for (JsonNode event : history.path("events")) {
            if (event.path("eventType").asText().equals(type)) {
                return event;
            }
        }
        throw new AssertionError(type + " not in " + history);
    }
}
