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
        service = CertificationServiceApplication.application().run(TestKeys.withKeys(java.util.List.of(KEY),
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
        try {
            return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY.key()).GET().build());
    }

    private Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("X-API-Key", KEY.key()).DELETE().build());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) service).getWebServer().getPort()
                + path);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Response(int status, String contentType, String location, String body) {

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

    /** As certification-service's consumer of audit-service's topic records a registration. */
    private static String known(String organisationId) {
        jdbc.update("INSERT INTO known_organisation (organisation_id, member_body, registered_on) "
                + "VALUES (?, 'CSIAU', DATE '2020-01-01') ON CONFLICT DO NOTHING", organisationId);
        return organisationId;
    }
}
