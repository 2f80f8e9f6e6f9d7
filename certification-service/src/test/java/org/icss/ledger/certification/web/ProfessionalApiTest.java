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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The professionals API of a running certification-service (its own Spring context, a fresh database, fresh topics
 * on the test broker), driven over HTTP. Shows the answers of each endpoint, and that the contact row and the
 * professional's first event are written together or not at all.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ProfessionalApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROFESSIONALS = "/api/v1/professionals";

    private static final TestKeys.Key KEY = TestKeys.memberBody("CSIAU");
    private static final TestKeys.Key OTHER_MEMBER_BODY = TestKeys.memberBody("HKCSC");
    private static final TestKeys.Key SECRETARIAT = TestKeys.role("SECRETARIAT");
    private static final TestKeys.Key COMPLIANCE = TestKeys.role("COMPLIANCE");
    private static final TestKeys.Key ADMIN = TestKeys.role("ADMIN");

    private static ConfigurableApplicationContext service;
    private static JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LedgerInfrastructure infra) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String publishTopic = "icss.certification.events-" + run;
        String auditTopic = "icss.audit.events-" + run;
        infra.createTopics(publishTopic, auditTopic);
        String database = infra.createDatabase("certification_professionals");
        service = CertificationServiceApplication.application().run(TestKeys.withKeys(
                List.of(KEY, OTHER_MEMBER_BODY, SECRETARIAT, COMPLIANCE, ADMIN),
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.publish-topic=" + publishTopic,
                "--icss.kafka.consume-topics=" + auditTopic,
                "--spring.main.banner-mode=off"));
        jdbc = new JdbcTemplate(new DriverManagerDataSource(infra.jdbcUrl(database), infra.username(),
                infra.password()));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void registrationKeepsNameAndEmailOutOfTheEvents() {
        Response registered = post(PROFESSIONALS, registration("CCSM-0042", "Ada Lovelace", "ada@example.org"));

        assertThat(registered.status()).isEqualTo(201);
        String id = registered.json().path("professionalId").asText();
        assertThat(registered.location()).endsWith(PROFESSIONALS + "/" + id);
        JsonNode professional = get(PROFESSIONALS + "/" + id).json();
        assertThat(professional.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(professional.path("email").asText()).isEqualTo("ada@example.org");
        assertThat(professional.path("credentials").get(0).path("credentialId").asText()).isEqualTo("CCSM-0042");
        assertThat(professional.path("credentials").get(0).path("validUntil").asText()).isEqualTo("2024-05-01");
        assertThat(professional.path("employments").size()).isZero();
        List<String> payloads = jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry "
                + "WHERE aggregate_identifier = ?", String.class, id);
        assertThat(payloads).hasSize(1).allSatisfy(payload -> assertThat(payload).contains("CCSM-0042")
                .doesNotContain("Ada").doesNotContain("ada@example.org"));
    }

    @Test
    void renewalsAndEmploymentsShowOnTheProfessional() {
        String id = register("CCSM-0100");
        String org = known(UUID.randomUUID().toString());

        Response renewed = post(PROFESSIONALS + "/" + id + "/credentials",
                Map.of("credentialId", "CCSM-0101", "certifiedOn", "2024-05-01", "validUntil", "2027-05-01"));
        Response started = post(PROFESSIONALS + "/" + id + "/employments",
                Map.of("organisationId", org, "startedOn", "2022-01-10"));
        String employment = started.json().path("employmentId").asText();
        Response ended = post(PROFESSIONALS + "/" + id + "/employments/" + employment + "/end",
                Map.of("endedOn", "2023-06-30"));

        assertThat(renewed.status()).isEqualTo(201);
        assertThat(renewed.json().path("credentialId").asText()).isEqualTo("CCSM-0101");
        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().path("professionalId").asText()).isEqualTo(id);
        assertThat(ended.status()).isEqualTo(204);
        JsonNode professional = get(PROFESSIONALS + "/" + id).json();
        assertThat(professional.path("credentials").findValuesAsText("credentialId"))
                .containsExactly("CCSM-0100", "CCSM-0101");
        JsonNode employed = professional.path("employments").get(0);
        assertThat(employed.path("organisationId").asText()).isEqualTo(org);
        assertThat(employed.path("startedOn").asText()).isEqualTo("2022-01-10");
        assertThat(employed.path("endedOn").asText()).isEqualTo("2023-06-30");
    }

    @Test
    void anEmploymentEndsOnceAfterItStarts() {
        String id = register("CCSM-0200");
        String employment = post(PROFESSIONALS + "/" + id + "/employments",
                Map.of("organisationId", known("org-1"), "startedOn", "2022-01-10")).json().path("employmentId")
                .asText();
        String end = PROFESSIONALS + "/" + id + "/employments/" + employment + "/end";

        Response tooEarly = post(end, Map.of("endedOn", "2022-01-10"));
        Response first = post(end, Map.of("endedOn", "2023-06-30"));
        Response again = post(end, Map.of("endedOn", "2023-07-31"));
        Response unknown = post(PROFESSIONALS + "/" + id + "/employments/no-such-employment/end",
                Map.of("endedOn", "2023-06-30"));

        assertProblem(tooEarly, 422, "/problems/validation");
        assertThat(tooEarly.json().path("errors").has("endedOn")).isTrue();
        assertThat(first.status()).isEqualTo(204);
        assertProblem(again, 409, "/problems/employment-ended");
        assertProblem(unknown, 404, "/problems/not-found");
        assertThat(post(PROFESSIONALS + "/" + id + "/credentials", Map.of("credentialId", "CCSM-0200",
                "certifiedOn", "2021-05-01", "validUntil", "2024-05-01")).status()).isEqualTo(409);
    }

    @Test
    void anUnknownProfessionalIsNotFound() {
        String unknown = PROFESSIONALS + "/" + UUID.randomUUID();

        assertProblem(get(unknown), 404, "/problems/not-found");
        assertProblem(delete(unknown + "/personal-data"), 404, "/problems/not-found");
        assertProblem(post(unknown + "/employments", Map.of("organisationId", "org-1", "startedOn", "2022-01-10")),
                404, "/problems/not-found");
        assertProblem(post(unknown + "/credentials", Map.of("credentialId", "CCSM-0300", "certifiedOn", "2021-05-01",
                "validUntil", "2024-05-01")), 404, "/problems/not-found");
    }

    @Test
    void anInvalidRegistrationNamesEachFieldAndRecordsNothing() {
        long contactsBefore = count("SELECT count(*) FROM professional_contact");
        long eventsBefore = certifiedEvents();

        Response malformedFields = post(PROFESSIONALS, Map.of("credentialId", "0042", "certifiedOn", "2021-05-01",
                "validUntil", "2024-05-01", "name", " ", "email", "ada@localhost"));
        Response future = post(PROFESSIONALS, Map.of("credentialId", "CCSM-0400", "certifiedOn", "2999-01-01",
                "validUntil", "3002-01-01", "name", "Ada Lovelace", "email", "ada@example.org"));
        Response endsBeforeItStarts = post(PROFESSIONALS, Map.of("credentialId", "CCSM-0401",
                "certifiedOn", "2021-05-01", "validUntil", "2021-05-01", "name", "Ada Lovelace",
                "email", "ada@example.org"));

        assertProblem(malformedFields, 422, "/problems/validation");
        assertThat(malformedFields.json().path("errors").properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("credentialId", "name", "email");
        assertProblem(future, 422, "/problems/validation");
        assertThat(future.json().path("errors").path("certifiedOn").asText()).isEqualTo("is in the future");
        assertProblem(endsBeforeItStarts, 422, "/problems/validation");
        assertThat(endsBeforeItStarts.json().path("errors").has("validUntil")).isTrue();
        assertThat(count("SELECT count(*) FROM professional_contact")).isEqualTo(contactsBefore);
        assertThat(certifiedEvents()).isEqualTo(eventsBefore);
    }

    @Test
    void erasureNullsNameAndEmailAndKeepsTheCredentials() {
        String id = register("CCSM-0500");

        Response erased = delete(PROFESSIONALS + "/" + id + "/personal-data");
        Response erasedAgain = delete(PROFESSIONALS + "/" + id + "/personal-data");

        assertThat(erased.status()).isEqualTo(204);
        assertThat(erasedAgain.status()).isEqualTo(204);
        JsonNode professional = get(PROFESSIONALS + "/" + id).json();
        assertThat(professional.has("name")).isTrue();
        assertThat(professional.path("name").isNull()).isTrue();
        assertThat(professional.path("email").isNull()).isTrue();
        assertThat(professional.path("erasedAt").asText()).isNotBlank();
        assertThat(professional.path("credentials").findValuesAsText("credentialId")).containsExactly("CCSM-0500");
    }

    /** A contact row the database refuses takes the professional's event down with it: one transaction. */
    @Test
    void aRefusedContactRowLeavesNoEvent() {
        long eventsBefore = certifiedEvents();
        jdbc.execute("CREATE FUNCTION refuse_contact() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'contact refused for the test'; END $$");
        jdbc.execute("CREATE TRIGGER refuse_contact BEFORE INSERT ON professional_contact FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_contact()");
        Response refused;
        try {
            refused = post(PROFESSIONALS, registration("CCSM-0600", "Refused Person", "refused@example.org"));
        } finally {
            jdbc.execute("DROP TRIGGER refuse_contact ON professional_contact");
            jdbc.execute("DROP FUNCTION refuse_contact()");
        }

        assertProblem(refused, 500, "/problems/internal");
        assertThat(certifiedEvents()).isEqualTo(eventsBefore);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') "
                + "LIKE '%CCSM-0600%'")).isZero();
    }

    private String register(String credentialId) {
        Response registered = post(PROFESSIONALS, registration(credentialId, "Grace Hopper", "grace@example.org"));
        assertThat(registered.status()).isEqualTo(201);
        return registered.json().path("professionalId").asText();
    }

    private static Map<String, String> registration(String credentialId, String name, String email) {
        return Map.of("credentialId", credentialId, "certifiedOn", "2021-05-01", "validUntil", "2024-05-01",
                "name", name, "email", email);
    }

    private static long certifiedEvents() {
        return count("SELECT count(*) FROM domain_event_entry "
                + "WHERE payload_type = 'org.icss.ledger.events.ProfessionalCertified'");
    }

    private static long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static void assertProblem(Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText()).isEqualTo(type);
    }

    private Response post(String path, Object body) {
        return post(path, body, KEY, Map.of());
    }

    private Response post(String path, Object body, TestKeys.Key key, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("X-API-Key", key.key())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            headers.forEach(request::header);
            return send(request.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response get(String path) {
        return get(path, KEY);
    }

    private Response get(String path, TestKeys.Key key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            request.header("X-API-Key", key.key());
        }
        return send(request.build());
    }

    private Response delete(String path) {
        return delete(path, KEY);
    }

    private Response delete(String path, TestKeys.Key key) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", key.key()).DELETE().build());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort()
                + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""), response.body(),
                    response.headers().firstValue("Idempotent-Replayed").isPresent(),
                    response.headers().firstValue("ICSS-Position").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String contentType, String location, String body, boolean replayed,
                            String position) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    @Test
    void anEmploymentAtAnOrganisationNobodyRegisteredIsRefused() {
        String id = register("CCSM-0300");

        Response refused = post(PROFESSIONALS + "/" + id + "/employments",
                Map.of("organisationId", "never-registered", "startedOn", "2022-01-10"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("errors").has("organisationId")).isTrue();
    }

    @Test
    void onlyTheRegisteringMemberBodyOrAdminChangesOrErasesAProfessional() {
        String id = register("CCSM-0700");
        String employment = post(PROFESSIONALS + "/" + id + "/employments",
                Map.of("organisationId", known("org-700"), "startedOn", "2022-01-10")).json().path("employmentId")
                .asText();
        long eventsBefore = count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + id + "'");
        Map<String, Object> renewal = Map.of("credentialId", "CCSM-0701", "certifiedOn", "2024-05-01",
                "validUntil", "2027-05-01");

        for (TestKeys.Key other : List.of(OTHER_MEMBER_BODY, SECRETARIAT, COMPLIANCE)) {
            assertProblem(post(PROFESSIONALS + "/" + id + "/credentials", renewal, other, Map.of()), 403,
                    "/problems/forbidden");
            assertProblem(post(PROFESSIONALS + "/" + id + "/employments", Map.of("organisationId", known("org-701"),
                    "startedOn", "2023-01-10"), other, Map.of()), 403, "/problems/forbidden");
            assertProblem(post(PROFESSIONALS + "/" + id + "/employments/" + employment + "/end",
                    Map.of("endedOn", "2023-06-30"), other, Map.of()), 403, "/problems/forbidden");
            assertProblem(delete(PROFESSIONALS + "/" + id + "/personal-data", other), 403, "/problems/forbidden");
        }
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = '" + id + "'"))
                .isEqualTo(eventsBefore);
        assertThat(get(PROFESSIONALS + "/" + id).json().path("name").asText()).isEqualTo("Grace Hopper");

        assertThat(post(PROFESSIONALS + "/" + id + "/credentials", renewal, ADMIN, Map.of()).status())
                .isEqualTo(201);
        assertThat(post(PROFESSIONALS + "/" + id + "/employments/" + employment + "/end",
                Map.of("endedOn", "2023-06-30"), KEY, Map.of()).status()).isEqualTo(204);
        assertThat(delete(PROFESSIONALS + "/" + id + "/personal-data", ADMIN).status()).isEqualTo(204);
        assertThat(get(PROFESSIONALS + "/" + id).json().path("personalData").asText()).isEqualTo("ERASED");
    }

    @Test
    void nameAndEmailAreReadOnlyByTheRegisteringMemberBodyComplianceAndAdmin() {
        String id = register("CCSM-0800");
        String path = PROFESSIONALS + "/" + id;

        for (TestKeys.Key reader : List.of(KEY, COMPLIANCE, ADMIN)) {
            JsonNode professional = get(path, reader).json();
            assertThat(professional.path("name").asText()).as(reader.id()).isEqualTo("Grace Hopper");
            assertThat(professional.path("email").asText()).as(reader.id()).isEqualTo("grace@example.org");
            assertThat(professional.path("personalData").asText()).as(reader.id()).isEqualTo("HELD");
        }
        for (TestKeys.Key other : List.of(OTHER_MEMBER_BODY, SECRETARIAT)) {
            Response answer = get(path, other);
            assertThat(answer.status()).as(other.id()).isEqualTo(200);
            assertThat(answer.body()).as(other.id()).doesNotContain("Grace").doesNotContain("grace@example.org");
            assertThat(answer.json().path("personalData").asText()).isEqualTo("WITHHELD");
            assertThat(answer.json().path("credentials").findValuesAsText("credentialId"))
                    .containsExactly("CCSM-0800");
        }
        assertProblem(get(path, null), 401, "/problems/unauthenticated");
    }

    /**
     * Idempotency-Key: a refusal that can change with time (an organisation this service's view does not know yet)
     * is not kept, so the retry with the same key is decided afresh; a settled refusal (a duplicate, a credential
     * ending before it starts) is replayed; a 404 is decided afresh too.
     */
    @Test
    void aRetryWithTheSameIdempotencyKeyIsDecidedAfreshAfterARefusalThatCanChange() {
        String id = register("CCSM-0900");
        String organisation = "org-" + UUID.randomUUID();
        Map<String, String> key = Map.of("Idempotency-Key", "employment-" + UUID.randomUUID());
        Map<String, Object> employment = Map.of("organisationId", organisation, "startedOn", "2022-01-10");

        Response notYetKnown = post(PROFESSIONALS + "/" + id + "/employments", employment, KEY, key);
        known(organisation);
        Response retried = post(PROFESSIONALS + "/" + id + "/employments", employment, KEY, key);
        Response retriedAgain = post(PROFESSIONALS + "/" + id + "/employments", employment, KEY, key);

        assertProblem(notYetKnown, 422, "/problems/validation");
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.replayed()).isFalse();
        assertThat(retriedAgain.replayed()).isTrue();
        assertThat(retriedAgain.body()).isEqualTo(retried.body());
        // the write's position: the header is the body's, and the replay answers with it too
        assertThat(retried.position()).startsWith("certification:" + organisation + ":")
                .isEqualTo(retried.json().path("position").asText());
        assertThat(retriedAgain.position()).isEqualTo(retried.position());

        Map<String, String> settledKey = Map.of("Idempotency-Key", "renewal-" + UUID.randomUUID());
        Map<String, Object> endsBeforeItStarts = Map.of("credentialId", "CCSM-0901", "certifiedOn", "2024-05-01",
                "validUntil", "2024-05-01");
        Response refused = post(PROFESSIONALS + "/" + id + "/credentials", endsBeforeItStarts, KEY, settledKey);
        Response refusedAgain = post(PROFESSIONALS + "/" + id + "/credentials", endsBeforeItStarts, KEY, settledKey);
        assertProblem(refused, 422, "/problems/validation");
        assertThat(refusedAgain.replayed()).isTrue();
        assertThat(refusedAgain.body()).isEqualTo(refused.body());

        Map<String, String> duplicateKey = Map.of("Idempotency-Key", "duplicate-" + UUID.randomUUID());
        Map<String, Object> duplicate = Map.of("credentialId", "CCSM-0900", "certifiedOn", "2021-05-01",
                "validUntil", "2024-05-01");
        assertProblem(post(PROFESSIONALS + "/" + id + "/credentials", duplicate, KEY, duplicateKey), 409,
                "/problems/duplicate-credential");
        assertThat(post(PROFESSIONALS + "/" + id + "/credentials", duplicate, KEY, duplicateKey).replayed()).isTrue();

        Map<String, String> unknownKey = Map.of("Idempotency-Key", "unknown-" + UUID.randomUUID());
        String unknown = PROFESSIONALS + "/" + UUID.randomUUID() + "/credentials";
        assertProblem(post(unknown, duplicate, KEY, unknownKey), 404, "/problems/not-found");
        Response unknownAgain = post(unknown, duplicate, KEY, unknownKey);
        assertProblem(unknownAgain, 404, "/problems/not-found");
        assertThat(unknownAgain.replayed()).isFalse();
    }

    /** As certification-service's consumer of audit-service's topic records a registration. */
    private static String known(String organisationId) {
        jdbc.update("INSERT INTO known_organisation (organisation_id, member_body, registered_on) "
                + "VALUES (?, 'CSIAU', DATE '2020-01-01') ON CONFLICT DO NOTHING", organisationId);
        return organisationId;
    }
}
