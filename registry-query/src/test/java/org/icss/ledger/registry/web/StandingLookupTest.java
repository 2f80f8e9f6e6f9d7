package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.registry.query.registry.Events;
import org.icss.ledger.registry.query.registry.RegistryProjection;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's standing over HTTP, as the registry serves it from its kept answer (rendered once per change): the same
 * answer as one worked out from the history, a new answer and entity tag as soon as an event changes the standing,
 * and 304 only for the tag of the answer that holds now.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class StandingLookupTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG = "org-lookup";

    private static ConfigurableApplicationContext registry;
    private static String baseUrl;
    private static GoldAwarded gold;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startRegistry(LedgerInfrastructure infra) {
        String topic = "icss.certification.events-" + UUID.randomUUID().toString().substring(0, 8);
        infra.createTopics(topic);
        String database = infra.createDatabase("registry_lookup");
        registry = RegistryQueryApplication.application()
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run("--server.port=0",
                        "--spring.datasource.url=" + infra.jdbcUrl(database),
                        "--spring.datasource.username=" + infra.username(),
                        "--spring.datasource.password=" + infra.password(),
                        "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                        "--icss.kafka.consume-topics=" + topic,
                        // no background round: a reader that meets a pending organisation computes it
                        "--icss.registry.standing-refresh-interval=PT1H",
                        "--icss.web.rate-limit.enabled=false",
                        "--spring.main.banner-mode=off");
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) registry).getWebServer().getPort();
        gold = Events.gold(ORG, "ICSS-G-2025-ABCDEF0123", LocalDate.of(2025, 3, 14), Events.RECORDED);
        apply(Events.registered(ORG, "Lookup Lenders", "GB", MemberBody.HICS), gold);
    }

    private static void apply(LedgerEvent... events) {
        RegistryProjection projection = registry.getBean(RegistryProjection.class);
        TransactionTemplate transaction = new TransactionTemplate(registry.getBean(PlatformTransactionManager.class));
        for (LedgerEvent event : events) {
            transaction.executeWithoutResult(status -> projection.on(event));
        }
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void todaysAnswerIsServedAgainUntilAnEventChangesItThenTheNewOneWithANewTag() throws Exception {
        HttpResponse<String> first = get("/api/v1/registry/organisations/" + ORG, null);
        HttpResponse<String> second = get("/api/v1/registry/organisations/" + ORG, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(JSON.readTree(first.body()).path("status").asText()).isEqualTo("ACTIVE");
        assertThat(second.body()).isEqualTo(first.body());
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(second.headers().firstValue("ETag")).contains(tag);
        // the kept answer is the one worked out from the history (asked as known at an instant, which computes)
        assertThat(withoutKnownAt(first.body())).isEqualTo(withoutKnownAt(
                get("/api/v1/registry/organisations/" + ORG + "?knownAt=2026-06-01T12:00:00Z", null).body()));
        assertThat(get("/api/v1/registry/organisations/" + ORG, tag).statusCode()).isEqualTo(304);

        apply(new CertificationSuspended(new org.icss.ledger.events.OrganisationId(ORG), UUID.randomUUID(), LocalDate.of(2026, 5, 1),
                Instant.parse("2026-06-01T11:00:00Z"), gold.certificateNumber(),
                CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "missed"));

        HttpResponse<String> after = get("/api/v1/registry/organisations/" + ORG, tag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(after.body()).path("status").asText()).isEqualTo("SUSPENDED");
        String newTag = after.headers().firstValue("ETag").orElseThrow();
        assertThat(newTag).isNotEqualTo(tag);
        assertThat(withoutKnownAt(after.body())).isEqualTo(withoutKnownAt(
                get("/api/v1/registry/organisations/" + ORG + "?knownAt=2026-06-01T12:00:00Z", null).body()));
        assertThat(get("/api/v1/registry/organisations/" + ORG, newTag).statusCode()).isEqualTo(304);
    }

    private static JsonNode withoutKnownAt(String body) throws Exception {
        ObjectNode answer = (ObjectNode) JSON.readTree(body);
        answer.remove("knownAt");
        return answer;
    }

    private HttpResponse<String> get(String path, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
