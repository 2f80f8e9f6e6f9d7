package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.registry.query.registry.Events;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The caught-up signal: a write's position (its event's id, with the organisation and the service) is applied once
 * the registry's projection has applied that event, through Kafka as in production; a question that waits is
 * answered when it is; a position the registry never gets is answered not applied when the wait is over; a position
 * or wait that does not read is a 400 problem.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class FreshnessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ReportService registry;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(LedgerInfrastructure infra) {
        registry = new ReportService(infra, "registry_freshness");
    }

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    private static String position(LedgerEvent event) {
        return "audit:" + event.partitionKey() + ":" + event.eventId();
    }

    @Test
    void aWriteIsAppliedOnceTheProjectionRanAndAWaitingQuestionIsAnsweredThen() throws Exception {
        // the registry's consumer is running: a first organisation shows, asked as a client asks, again and again
        LedgerEvent first = Events.registered("org-fresh-1", "First Fresh Ltd", "AU", MemberBody.CSIAU);
        assertThat(freshness(position(first), "PT0S").path("applied").asBoolean()).isFalse();
        registry.publishTogether(List.of(first));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> freshness(position(first), "PT10S").path("caughtUp").asBoolean());

        // a question asked before the event is published waits for it and is answered once it is applied
        LedgerEvent second = Events.registered("org-fresh-2", "Second Fresh Ltd", "NZ", MemberBody.CSIAU);
        CompletableFuture<HttpResponse<String>> waiting = http.sendAsync(request(position(second), "PT10S"),
                HttpResponse.BodyHandlers.ofString());
        registry.publishTogether(List.of(second));
        HttpResponse<String> answered = waiting.get();

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value)
                .contains("no-store"));
        JsonNode answer = JSON.readTree(answered.body());
        assertThat(answer.path("position").asText()).isEqualTo(position(second));
        assertThat(answer.path("applied").asBoolean()).isTrue();
        assertThat(answer.path("caughtUp").asBoolean()).isTrue();
        // and the organisation's public answer has it
        HttpResponse<String> standing = http.send(HttpRequest.newBuilder(URI.create(registry.baseUrl
                + "/api/v1/registry/organisations/org-fresh-2")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(standing.body()).path("organisation").path("name").asText()).isEqualTo("Second Fresh Ltd");
    }

    @Test
    void aPositionTheRegistryNeverGetsIsNotAppliedWhenTheWaitIsOver() throws Exception {
        String unknown = "certification:org-never:" + UUID.randomUUID();

        JsonNode answer = freshness(unknown, "PT1S");

        assertThat(answer.path("position").asText()).isEqualTo(unknown);
        assertThat(answer.path("applied").asBoolean()).isFalse();
        assertThat(answer.path("caughtUp").asBoolean()).isFalse();
    }

    @Test
    void aPositionOrWaitThatDoesNotReadIsABadRequestProblemNamingTheParameter() throws Exception {
        String good = "audit:org-x:" + UUID.randomUUID();
        record Bad(String position, String waitFor, String parameter) {
        }
        for (Bad bad : List.of(new Bad("not-a-position", null, "position"),
                new Bad("ledger:org-x:" + UUID.randomUUID(), null, "position"),
                new Bad("audit:org x:" + UUID.randomUUID(), null, "position"),
                new Bad("audit:org-x:12345", null, "position"),
                new Bad(good, "PT11S", "wait"),
                new Bad(good, "-PT1S", "wait"),
                new Bad(good, "five seconds", "wait"))) {
            HttpResponse<String> response = http.send(request(bad.position(), bad.waitFor()),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(bad.toString()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).as(bad.toString())
                    .startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("type").asText()).isEqualTo("/problems/bad-request");
            assertThat(problem.path("errors").has(bad.parameter())).as(bad + " " + response.body()).isTrue();
        }
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(registry.baseUrl
                + "/api/v1/registry/freshness")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
    }

    private JsonNode freshness(String position, String wait) throws Exception {
        HttpResponse<String> response = http.send(request(position, wait), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String position, String wait) {
        String query = "position=" + URLEncoder.encode(position, StandardCharsets.UTF_8)
                + (wait == null ? "" : "&wait=" + URLEncoder.encode(wait, StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(registry.baseUrl + "/api/v1/registry/freshness?" + query)).build();
    }
}
