package org.icss.ledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * audit-service as it runs: its Spring context on a fresh database, reading a fresh certification topic on the test
 * broker, driven over HTTP. Shows the wiring the unit tests cannot: the organisation's own reports deciding the
 * 2020 rule with the shared timeline, the catalogue and rules injected into the organisation's command handler, and
 * rejections as problem+json with nothing recorded.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class AuditServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Standard ICSS_2015 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2015_2020).orElseThrow();

    private static final TestKeys.Key KEY = TestKeys.memberBody("CSIAU");
    private static final TestKeys.Key HICS = TestKeys.memberBody("HICS");
    private static final TestKeys.Key COMPLIANCE = TestKeys.role("COMPLIANCE");

    private static ConfigurableApplicationContext service;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LedgerInfrastructure infra) {
        service = AuditServiceUnderTest.start(infra, "audit_service_it", java.util.List.of(KEY, HICS, COMPLIANCE));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /**
     * Only request bodies are read strictly: Axon's event serializer (also the Kafka converter's) keeps the lenient
     * application mapper, so an event carrying a field its class does not know (an upcaster's, a newer shape's)
     * still reads, while the web's JSON converter refuses unknown fields and duplicate keys.
     */
    @Test
    void onlyTheWebReaderIsStrictStoredEventsStillReadLeniently() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper events = ((org.axonframework.serialization.json.JacksonSerializer)
                service.getBean("eventSerializer", org.axonframework.serialization.Serializer.class)).getObjectMapper();
        com.fasterxml.jackson.databind.ObjectMapper web = service.getBean(
                        org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter.class)
                .getMessageConverters().stream()
                .filter(org.springframework.http.converter.json.MappingJackson2HttpMessageConverter.class::isInstance)
                .map(converter -> ((org.springframework.http.converter.json.MappingJackson2HttpMessageConverter)
                        converter).getObjectMapper()).findFirst().orElseThrow();

        assertThat(web.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES))
                .isTrue();
        assertThat(web.getFactory().isEnabled(com.fasterxml.jackson.core.JsonParser.Feature
                .STRICT_DUPLICATE_DETECTION)).isTrue();
        assertThat(events.isEnabled(com.fasterxml.jackson.databind.DeserializationFeature
                .FAIL_ON_UNKNOWN_PROPERTIES)).isFalse();
        assertThat(events.getFactory().isEnabled(com.fasterxml.jackson.core.JsonParser.Feature
                .STRICT_DUPLICATE_DETECTION)).isFalse();
        org.icss.ledger.events.OrganisationRegistered event = new org.icss.ledger.events.OrganisationRegistered(
                new org.icss.ledger.events.OrganisationId("org-lenient"), UUID.randomUUID(),
                java.time.LocalDate.of(2020, 1, 1), java.time.Instant.parse("2020-01-01T00:00:00Z"),
                org.icss.ledger.events.MemberBody.CSIAU, "Lenient Ltd", "AU");
        com.fasterxml.jackson.databind.node.ObjectNode stored = events.valueToTree(event);
        stored.put("addedByANewerShape", "x");
        assertThat(events.treeToValue(stored, org.icss.ledger.events.OrganisationRegistered.class)).isEqualTo(event);
    }

    @Test
    void anOldVersionAuditIn2020IsAcceptedAtOnceWhenTheOrganisationsOwnReportsGiveItACertificateOnIt() {
        String org = register();
        Map<String, Object> audit = audit("late-2015", "2020-06-01");

        Response refused = post("/api/v1/organisations/" + org + "/audits", audit);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").path("standardVersion").asText())
                .isEqualTo("ICSS:2015-2020 is accepted in 2020 only for organisations already certified on it; "
                        + "organisations new to ICSS certify to ICSS:2020-2025");

        // Gold on 2018-06-01 and its annual health check: no wait for certification-service to announce anything
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("gold-2018", "2018-06-01")).status())
                .isEqualTo(201);
        assertThat(check(org, "hc-2019", "2019-06-01", "PASSED")).isEqualTo(201);
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit).status()).isEqualTo(201);
        assertThat(eventTypes(org)).containsExactly("OrganisationRegistered", "AuditScored", "HealthCheckPassed",
                "AuditScored");
    }

    /**
     * Issue 14, reproduction D2: Gold on 2017-03-01 with no health check after it is suspended on 2018-05-31 and
     * withdrawn in November 2018, whether or not certification-service has announced it yet; a re-certification on
     * ICSS:2015-2020 dated 2020-02-01 finds no certificate to stay on.
     */
    @Test
    void d2AReCertificationIn2020AfterTheCertificateWasWithdrawnIsRefusedAtOnce() {
        String org = register();
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("gold-2017", "2017-03-01")).status())
                .isEqualTo(201);

        Response refused = post("/api/v1/organisations/" + org + "/audits", audit("recert-2020", "2020-02-01"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(fieldNames(refused.json().path("errors"))).containsExactly("standardVersion");
        assertThat(eventTypes(org)).containsExactly("OrganisationRegistered", "AuditScored");
    }

    /**
     * Issue 14, reproduction D1: Gold on 2017-03-01 with both health checks passed is valid until 2020-03-01; a
     * re-certification on that day comes before the expiry (rule 9) and continues the run (rules 5 and 6).
     */
    @Test
    void d1AReCertificationOnTheCertificatesValidUntilIsAccepted() {
        String org = register();
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("gold-2017", "2017-03-01")).status())
                .isEqualTo(201);
        assertThat(check(org, "hc-2018", "2018-03-01", "PASSED")).isEqualTo(201);
        assertThat(check(org, "hc-2019", "2019-03-01", "PASSED")).isEqualTo(201);

        Response accepted = post("/api/v1/organisations/" + org + "/audits", audit("recert-2020", "2020-03-01"));

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("after-expiry", "2020-03-02")).status())
                .as("the re-certification's new certificate holds the organisation on ICSS:2015-2020")
                .isEqualTo(201);
    }

    @Test
    void correctionsAndWithdrawalsAreNewEventsAndTheOriginalsStay() {
        String org = register();
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("a-1", "2018-05-02")).status())
                .isEqualTo(201);
        assertThat(post("/api/v1/organisations/" + org + "/health-checks",
                Map.of("healthCheckId", "hc-1", "checkedOn", "2019-05-01", "result", "PASSED")).status())
                .isEqualTo(201);

        Map<String, Integer> scores = scores(7);
        scores.put("SRV-02", 5);
        Response corrected = post("/api/v1/organisations/" + org + "/audits/a-1/corrections",
                Map.of("scores", scores, "reason", "transcription error"));
        assertThat(corrected.status()).isEqualTo(201);
        assertThat(corrected.json().path("organisationId").asText()).isEqualTo(org);
        assertThat(corrected.json().path("auditId").asText()).isEqualTo("a-1");
        assertThat(corrected.json().path("correctionId").asText()).isNotBlank();

        Response checkCorrected = post("/api/v1/organisations/" + org + "/health-checks/hc-1/corrections",
                Map.of("result", "FAILED", "reason", "complaints were not answered"));
        assertThat(checkCorrected.status()).isEqualTo(201);
        assertThat(checkCorrected.json().path("healthCheckId").asText()).isEqualTo("hc-1");

        assertThat(post("/api/v1/organisations/" + org + "/audits/a-1/withdrawal",
                Map.of("reason", "auditor not accredited")).status()).isEqualTo(201);
        assertThat(post("/api/v1/organisations/" + org + "/health-checks/hc-1/withdrawal",
                Map.of("reason", "posted twice")).status()).isEqualTo(201);

        assertThat(eventTypes(org)).containsExactly("OrganisationRegistered", "AuditScored", "HealthCheckPassed",
                "AuditCorrected", "HealthCheckCorrected", "AuditWithdrawn", "HealthCheckWithdrawn");
    }

    @Test
    void rejectedCorrectionsAreProblemsAndRecordNothing() {
        String org = register();
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("a-1", "2018-05-02")).status())
                .isEqualTo(201);
        String corrections = "/api/v1/organisations/" + org + "/audits/a-1/corrections";

        Map<String, Integer> bad = scores(7);
        bad.remove("SRV-01");
        bad.put("OPS-02", 11);
        bad.put("OPS-07", 6);
        Response invalid = post(corrections, Map.of("scores", bad, "reason", "typo"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(fieldNames(invalid.json().path("errors")))
                .containsExactlyInAnyOrder("scores.SRV-01", "scores.OPS-02", "scores.OPS-07");

        Response noReason = post(corrections, Map.of("scores", scores(7)));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().path("errors").has("reason")).isTrue();

        Response unknown = post("/api/v1/organisations/" + org + "/audits/a-2/corrections",
                Map.of("scores", scores(7), "reason", "typo"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/organisations/" + org + "/health-checks/hc-9/withdrawal",
                Map.of("reason", "typo")).status()).isEqualTo(404);
        assertThat(post("/api/v1/organisations/" + UUID.randomUUID() + "/audits/a-1/withdrawal",
                Map.of("reason", "typo")).status()).isEqualTo(404);

        assertThat(post("/api/v1/organisations/" + org + "/audits/a-1/withdrawal",
                Map.of("reason", "wrong organisation")).status()).isEqualTo(201);
        Response again = post(corrections, Map.of("scores", scores(7), "reason", "typo"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(post("/api/v1/organisations/" + org + "/audits/a-1/withdrawal",
                Map.of("reason", "again")).status()).isEqualTo(409);
        assertThat(again.body()).doesNotContain("Exception").doesNotContain("org.icss");

        assertThat(eventTypes(org)).containsExactly("OrganisationRegistered", "AuditScored", "AuditWithdrawn");
    }

    @Test
    void whatAMemberBodyPostedIsReadBackAsRecordedByItAndByComplianceOnly() {
        String org = register();
        assertThat(post("/api/v1/organisations/" + org + "/audits", audit("gold-2018", "2018-06-01")).status())
                .isEqualTo(201);
        assertThat(post("/api/v1/organisations/" + org + "/health-checks", Map.of("healthCheckId", "hc-2019",
                "checkedOn", "2019-06-01", "result", "FAILED", "reason", "complaints unanswered")).status())
                .isEqualTo(201);
        Map<String, Integer> corrected = scores(8);
        corrected.put(corrected.keySet().iterator().next(), 9);
        assertThat(post("/api/v1/organisations/" + org + "/audits/gold-2018/corrections",
                Map.of("scores", corrected, "reason", "typo in the first score")).status()).isEqualTo(201);
        assertThat(post("/api/v1/organisations/" + org + "/health-checks/hc-2019/withdrawal",
                Map.of("reason", "posted for the wrong organisation")).status()).isEqualTo(201);

        JsonNode registration = get("/api/v1/organisations/" + org, KEY).json();
        assertThat(registration.path("memberBody").asText()).isEqualTo("CSIAU");
        assertThat(registration.path("registeredOn").asText()).isEqualTo("2015-01-01");
        JsonNode audits = get("/api/v1/organisations/" + org + "/audits", KEY).json();
        assertThat(audits.path("total").asInt()).isEqualTo(1);
        JsonNode audit = audits.path("items").path(0);
        assertThat(audit.path("auditId").asText()).isEqualTo("gold-2018");
        assertThat(audit.path("scores").path(corrected.keySet().iterator().next()).asInt()).isEqualTo(9);
        assertThat(audit.path("originalScores").path(corrected.keySet().iterator().next()).asInt()).isEqualTo(8);
        assertThat(audit.path("correctionIds").size()).isEqualTo(1);
        JsonNode check = get("/api/v1/organisations/" + org + "/health-checks", KEY).json().path("items").path(0);
        assertThat(check.path("passed").asBoolean()).isFalse();
        assertThat(check.path("reason").asText()).isEqualTo("complaints unanswered");
        assertThat(check.path("state").asText()).isEqualTo("WITHDRAWN");
        JsonNode corrections = get("/api/v1/organisations/" + org + "/corrections?size=1&page=1", COMPLIANCE).json();
        assertThat(corrections.path("total").asInt()).isEqualTo(2);
        assertThat(corrections.path("items").path(0).path("kind").asText()).isEqualTo("HEALTH_CHECK_WITHDRAWN");

        assertThat(get("/api/v1/organisations/" + org + "/audits", HICS).status()).isEqualTo(403);
        assertThat(get("/api/v1/organisations/" + org + "/audits", null).status()).isEqualTo(401);
        Response unknown = get("/api/v1/organisations/nobody/audits", KEY);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theStandardsCatalogueIsPublicWithEveryAttributeByPerspective() {
        Response all = get("/api/v1/standards", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().findValuesAsText("standardVersion")).contains("ICSS:2015-2020", "ICSS:2020-2025");
        JsonNode v2015 = get("/api/v1/standards/ICSS:2015-2020", null).json();
        assertThat(v2015.path("attributeCount").asInt()).isEqualTo(25);
        assertThat(v2015.path("perspectives").findValuesAsText("code"))
                .containsExactlyInAnyOrderElementsOf(ICSS_2015.attributeCodes().stream().map(c -> c.code()).toList());
        assertThat(v2015.path("acceptedUntil").asText()).isNotBlank();
        assertThat(get("/api/v1/standards/ICSS:1999", null).status()).isEqualTo(404);
    }

    private String register() {
        Response response = post("/api/v1/organisations", Map.of("name", "Harbour Bank " + UUID.randomUUID(), "country", "AU",
                "memberBody", "CSIAU", "registeredOn", "2015-01-01"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().path("organisationId").asText();
    }

    private int check(String org, String healthCheckId, String checkedOn, String result) {
        return post("/api/v1/organisations/" + org + "/health-checks",
                Map.of("healthCheckId", healthCheckId, "checkedOn", checkedOn, "result", result)).status();
    }

    private static Map<String, Object> audit(String auditId, String auditedOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auditId", auditId);
        body.put("standardVersion", "ICSS:2015-2020");
        body.put("auditType", "RECERTIFICATION");
        body.put("auditedOn", auditedOn);
        body.put("auditor", "R. Inspector");
        body.put("scores", scores(8));
        return body;
    }

    private static Map<String, Integer> scores(int score) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        ICSS_2015.attributeCodes().forEach(code -> scores.put(code.code(), score));
        return scores;
    }

    /** The payload types of the organisation's events in the event store, in order. */
    private static List<String> eventTypes(String org) {
        return service.getBean(JdbcTemplate.class).queryForList("SELECT payload_type FROM domain_event_entry "
                        + "WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, org).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private Response post(String path, Object body) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path))
                    .header("X-API-Key", KEY.key())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Response get(String path, TestKeys.Key key) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key.key());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
