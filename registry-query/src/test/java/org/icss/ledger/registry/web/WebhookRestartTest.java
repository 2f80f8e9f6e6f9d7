package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.registry.query.registry.Events;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pending deliveries survive a restart of registry-query: they wait in PostgreSQL while the receiver is down and
 * the service is stopped, and a new instance on the same database delivers every one, still signed with the secret
 * shown at creation.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class WebhookRestartTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TestKeys.Key CSIAU = TestKeys.memberBody("CSIAU");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pendingDeliveriesSurviveARestartOfTheServiceAndOfTheReceiver(LedgerInfrastructure infra) throws Exception {
        String topic = "icss.certification.events-" + UUID.randomUUID().toString().substring(0, 8);
        infra.createTopics(topic);
        String database = infra.createDatabase("registry_webhook_restart");
        ConfigurableApplicationContext first = start(infra, database, topic);
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            String base = url(first);
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/subscriptions"))
                    .header("X-API-Key", CSIAU.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of(
                            "targetUrl", receiver.url("/restart"), "allOrganisations", true,
                            "eventTypes", List.of("org.icss.standing.changed", "org.icss.certificate.awarded",
                                    "org.icss.certificate.suspended"))))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode answer = JSON.readTree(created.body());
            String id = answer.path("subscription").path("id").asText();
            String secret = answer.path("secret").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> state(base, id).equals("ACTIVE"));

            // the receiver goes down; notifications queue up; then the service stops too
            receiver.stop();
            GoldAwarded gold = Events.gold("restart-1", "ICSS-G-2025-RESTA00001", LocalDate.of(2025, 2, 1),
                    Instant.parse("2026-05-30T10:00:00Z"));
            publish(first, topic, Events.registered("restart-1", "Restart Resorts", "AU", MemberBody.CSIAU), gold);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            // both notifications (the award, the standing) pending, the first tried in vain (the second waits behind
            // it: one organisation's notifications go in order)
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("SELECT count(*) FROM "
                    + "notification_delivery WHERE state = 'PENDING'", Long.class) >= 2
                    && jdbc.queryForObject("SELECT count(*) FROM notification_delivery WHERE state = 'PENDING' "
                    + "AND attempts > 0", Long.class) >= 1);
            first.close();

            // a new instance on the same database, and the receiver back: everything arrives, signed
            ConfigurableApplicationContext second = start(infra, database, topic);
            try {
                receiver.restart();
                JdbcTemplate again = second.getBean(JdbcTemplate.class);
                List<String> announced = again.queryForList("SELECT event_id::text FROM notification_event "
                        + "WHERE organisation_id = 'restart-1' ORDER BY event_seq", String.class);
                assertThat(announced).contains(gold.eventId().toString()).hasSizeGreaterThanOrEqualTo(2);
                await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver).containsAll(announced));
                assertThat(receiver.deduplicated().stream().map(r -> r.json().path("id").asText()).toList())
                        .containsExactlyElementsOf(announced);
                for (WebhookReceiver.Received r : receiver.received()) {
                    assertThat(StandardWebhooksVerifier.verify(secret, r.webhookId(), r.timestamp(), r.signature(),
                            r.body(), Instant.now())).isTrue();
                }
                // and the next event too
                CertificationSuspended suspension = new CertificationSuspended(gold.organisationId(),
                        Events.id("restart-1/suspended"), LocalDate.of(2026, 5, 15),
                        Instant.parse("2026-05-30T11:00:00Z"), gold.certificateNumber(),
                        CertificationSuspended.SuspensionCause.HEALTH_CHECK_MISSED, "anniversary-2026");
                publish(second, topic, suspension);
                await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver)
                        .contains(suspension.eventId().toString()));
            } finally {
                second.close();
            }
        } finally {
            if (first.isActive()) {
                first.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(LedgerInfrastructure infra, String database, String topic) {
        return RegistryQueryApplication.application().run(TestKeys.withKeys(List.of(CSIAU),
                "--server.port=0",
                "--spring.datasource.url=" + infra.jdbcUrl(database),
                "--spring.datasource.username=" + infra.username(),
                "--spring.datasource.password=" + infra.password(),
                "--axon.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers(),
                "--icss.kafka.consume-topics=" + topic,
                "--icss.web.rate-limit.enabled=false",
                "--icss.notifications.allow-http=true",
                "--icss.notifications.allow-loopback=true",
                "--icss.notifications.first-retry=PT0.2S",
                "--icss.notifications.max-retry=PT0.5S",
                "--icss.notifications.poll-interval=PT0.05S",
                "--spring.main.banner-mode=off"));
    }

    private static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private String state(String base, String id) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/subscriptions/" + id))
                .header("X-API-Key", CSIAU.key()).GET().build(), HttpResponse.BodyHandlers.ofString()).body())
                .path("state").asText();
    }

    @SuppressWarnings("unchecked")
    private static void publish(ConfigurableApplicationContext context, String topic, LedgerEvent... events)
            throws Exception {
        KafkaMessageConverter<String, byte[]> converter = context.getBean(KafkaMessageConverter.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.getEnvironment()
                        .getProperty("axon.kafka.bootstrap-servers"),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (LedgerEvent event : events) {
                producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), topic)).get();
            }
        }
    }

    private static Set<String> ids(WebhookReceiver receiver) {
        return receiver.received().stream().map(r -> r.json().path("id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
