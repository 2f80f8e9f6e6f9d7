package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.registry.query.notifications.NotificationLogPruner;
import org.icss.ledger.registry.query.registry.Events;
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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status-change notifications end to end (issue 19): registry-query fed through Kafka, webhooks received by
 * {@link WebhookReceiver}s on this machine, signatures checked by {@link StandardWebhooksVerifier} (the
 * specification's algorithm written independently of the production code).
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class WebhookDeliveryTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ALL_TYPES = List.of("org.icss.standing.changed", "org.icss.certificate.awarded",
            "org.icss.certificate.suspended", "org.icss.certificate.reinstated", "org.icss.certificate.withdrawn",
            "org.icss.certificate.expired");
    /** What a watcher may see in a notification's data: the public standing, nothing else. */
    private static final Set<String> PUBLIC_FIELDS = Set.of("organisationId", "organisationName", "businessDate",
            "before", "after", "certificateNumber", "reason", "tier", "validUntil");

    private static final TestKeys.Key CSIAU = TestKeys.memberBody("CSIAU");
    private static final TestKeys.Key HKCSC = TestKeys.memberBody("HKCSC");
    private static final TestKeys.Key HICS = TestKeys.memberBody("HICS");
    private static final TestKeys.Key CSIA = TestKeys.memberBody("CSIA");
    private static final TestKeys.Key APCSC = TestKeys.memberBody("APCSC");
    private static final TestKeys.Key COMPLIANCE = TestKeys.role("COMPLIANCE");
    private static final TestKeys.Key WATCHER = TestKeys.role("WATCHER");

    private static ConfigurableApplicationContext registry;
    private static String baseUrl;
    private static String topic;
    private static String bootstrap;
    private static JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startRegistry(LedgerInfrastructure infra) {
        topic = "icss.certification.events-" + UUID.randomUUID().toString().substring(0, 8);
        bootstrap = infra.kafkaBootstrapServers();
        infra.createTopics(topic);
        String database = infra.createDatabase("registry_webhooks");
        registry = RegistryQueryApplication.application()
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run(TestKeys.withKeys(List.of(CSIAU, HKCSC, HICS, CSIA, APCSC, COMPLIANCE, WATCHER),
                        "--server.port=0",
                        "--spring.datasource.url=" + infra.jdbcUrl(database),
                        "--spring.datasource.username=" + infra.username(),
                        "--spring.datasource.password=" + infra.password(),
                        "--axon.kafka.bootstrap-servers=" + bootstrap,
                        "--icss.kafka.consume-topics=" + topic,
                        "--icss.web.rate-limit.enabled=false",
                        // receivers on this machine, over http; short back-off and failing period for the test
                        "--icss.notifications.allow-http=true",
                        "--icss.notifications.allow-loopback=true",
                        "--icss.notifications.first-retry=PT0.2S",
                        "--icss.notifications.max-retry=PT0.5S",
                        "--icss.notifications.failing-after=PT3S",
                        "--icss.notifications.poll-interval=PT0.05S",
                        "--icss.notifications.request-timeout=PT2S",
                        "--spring.main.banner-mode=off"));
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) registry).getWebServer().getPort();
        jdbc = registry.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void everyEventArrivesOnceAfterDeduplicationInOrderPerOrganisationThroughFailuresAndAnOutage()
            throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(3)) {
            Map<String, Object> created = subscribe(CSIAU, Map.of("targetUrl", receiver.url("/icss"),
                    "eventTypes", ALL_TYPES, "allOrganisations", true));
            String id = (String) subscription(created).get("id");
            String secret = (String) created.get("secret");
            awaitState(CSIAU, id, "ACTIVE");

            GoldAwarded goldA = Events.gold("hook-a", "ICSS-G-2025-HOOKA00001", LocalDate.of(2025, 3, 14),
                    Instant.parse("2026-05-30T10:00:00Z"));
            GoldAwarded goldB = Events.gold("hook-b", "ICSS-G-2025-HOOKB00001", LocalDate.of(2025, 4, 2),
                    Instant.parse("2026-05-30T10:00:00Z"));
            GoldAwarded goldC = Events.gold("hook-c", "ICSS-G-2025-HOOKC00001", LocalDate.of(2025, 4, 2),
                    Instant.parse("2026-05-30T10:00:00Z"));
            publish(Events.registered("hook-a", "Anchor Assurance", "AU", MemberBody.CSIAU),
                    Events.registered("hook-b", "Banksia Bank", "AU", MemberBody.CSIAU),
                    Events.registered("hook-c", "Harbour Holdings", "HK", MemberBody.HKCSC),
                    goldA, goldB, goldC);
            // delivered, and the standings computed before anything else happens (else two changes could be one)
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver).containsAll(
                    List.of(goldA.eventId().toString(), goldB.eventId().toString()))
                    && announced("hook-a", "hook-b").size() >= 4 && dirtyStandings() == 0);

            // the receiver goes away; events go on
            receiver.stop();
            CertificationSuspended suspendedA = suspended(goldA, LocalDate.of(2026, 5, 1));
            CertificationSuspended suspendedB = suspended(goldB, LocalDate.of(2026, 5, 3));
            publish(suspendedA, suspendedB, suspended(goldC, LocalDate.of(2026, 5, 3)));
            // both suspensions announced (certificate and standing), and a delivery that found nobody listening
            await().atMost(Duration.ofSeconds(60)).until(() -> announced("hook-a", "hook-b").size() >= 8
                    && log(CSIAU, id).stream().anyMatch(attempt -> attempt.path("error").asText().length() > 0));
            receiver.restart();
            CertificationReinstated reinstatedA = new CertificationReinstated(goldA.organisationId(),
                    Events.id("hook-a/reinstated"), LocalDate.of(2026, 5, 20), Instant.parse("2026-05-30T11:00:00Z"),
                    goldA.certificateNumber(), "hc-a-2026");
            CertificationWithdrawn withdrawnB = new CertificationWithdrawn(goldB.organisationId(),
                    Events.id("hook-b/withdrawn"), LocalDate.of(2026, 5, 25), Instant.parse("2026-05-30T11:00:00Z"),
                    goldB.certificateNumber());
            publish(reinstatedA, withdrawnB);

            // every notification announced for the subscription's organisations arrives, once after dedup
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver).containsAll(List.of(
                    suspendedA.eventId().toString(), suspendedB.eventId().toString(),
                    reinstatedA.eventId().toString(), withdrawnB.eventId().toString()))
                    && pending(CSIAU, id) == 0 && ids(receiver).containsAll(announced("hook-a", "hook-b")));
            List<WebhookReceiver.Received> once = receiver.deduplicated();
            assertThat(ids(receiver)).containsExactlyInAnyOrderElementsOf(announced("hook-a", "hook-b"));
            assertThat(once).hasSameSizeAs(announced("hook-a", "hook-b"));
            // the same webhook-id is the same CloudEvent: duplicates only ever repeat a delivery
            assertThat(receiver.received().stream().map(r -> r.webhookId() + " " + r.json().path("id").asText())
                    .distinct().count()).isEqualTo(once.size());
            assertThat(receiver.refused()).isGreaterThanOrEqualTo(3);

            // in order per organisation: the order they were announced in
            for (String organisation : List.of("hook-a", "hook-b")) {
                assertThat(once.stream().filter(r -> r.json().path("subject").asText().equals(organisation))
                        .map(r -> r.json().path("id").asText()).toList())
                        .containsExactlyElementsOf(announcedInOrder(organisation));
            }
            // another member body's organisation never reaches this subscription
            assertThat(receiver.received()).noneMatch(r -> r.json().path("subject").asText().equals("hook-c"));

            // every request is a signed CloudEvent
            for (WebhookReceiver.Received r : receiver.received()) {
                assertThat(StandardWebhooksVerifier.verify(secret, r.webhookId(), r.timestamp(), r.signature(),
                        r.body(), Instant.now())).as("signature of %s", r.webhookId()).isTrue();
                assertThat(StandardWebhooksVerifier.verify(secret, r.webhookId(), r.timestamp(), r.signature(),
                        tampered(r.body()), Instant.now())).isFalse();
                assertThat(r.contentType()).startsWith("application/cloudevents+json");
                JsonNode event = r.json();
                assertThat(event.path("specversion").asText()).isEqualTo("1.0");
                assertThat(event.path("source").asText()).isEqualTo("urn:icss:registry");
                assertThat(ALL_TYPES).contains(event.path("type").asText());
                assertThat(event.path("time").asText()).isNotEmpty();
                assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
                assertThat(event.path("data").isObject()).isTrue();
            }
            JsonNode suspension = byId(once, suspendedA.eventId().toString());
            assertThat(suspension.path("type").asText()).isEqualTo("org.icss.certificate.suspended");
            assertThat(suspension.path("businessdate").asText()).isEqualTo("2026-05-01");
            assertThat(suspension.path("data").path("certificateNumber").asText()).isEqualTo("ICSS-G-2025-HOOKA00001");
            assertThat(suspension.path("data").path("summary").asText()).contains("suspended");
            // the standing changes: Gold active, then suspended, then active again for A; B withdrawn
            assertThat(standingChanges(once, "hook-a")).contains("NONE/null->GOLD/ACTIVE", "GOLD/ACTIVE->GOLD/SUSPENDED",
                    "GOLD/SUSPENDED->GOLD/ACTIVE");
            assertThat(standingChanges(once, "hook-b")).contains("GOLD/SUSPENDED->NONE/WITHDRAWN");
            JsonNode change = once.stream().map(WebhookReceiver.Received::json)
                    .filter(e -> e.path("type").asText().equals("org.icss.standing.changed")
                            && e.path("subject").asText().equals("hook-a")).findFirst().orElseThrow();
            assertThat(change.path("data").path("memberBody").asText()).isEqualTo("CSIAU");
            assertThat(change.path("data").path("after").path("platinum").asBoolean()).isFalse();
            assertThat(change.path("data").path("reason").asText()).isNotEmpty();

            // the owner's log: failures with status or error, at most 1 KB of an answer, then deliveries
            List<JsonNode> log = log(CSIAU, id);
            assertThat(log).anyMatch(a -> a.path("statusCode").asInt() == 503 && a.path("outcome").asText()
                    .equals("FAILED"));
            assertThat(log).anyMatch(a -> a.path("outcome").asText().equals("DELIVERED")
                    && a.path("latencyMillis").isNumber());
            assertThat(log).allMatch(a -> a.path("responseBody").asText().length() <= 1024);
            assertThat(log).anyMatch(a -> a.path("responseBody").asText().length() == 1024);

            // metrics
            MeterRegistry meters = registry.getBean(MeterRegistry.class);
            assertThat(meters.get("icss.notifications.deliveries").tag("outcome", "delivered").counter().count())
                    .isGreaterThanOrEqualTo(once.size());
            assertThat(meters.get("icss.notifications.deliveries").tag("outcome", "failed").counter().count())
                    .isGreaterThanOrEqualTo(3);
            assertThat(meters.get("icss.notifications.lag").timer().count()).isGreaterThanOrEqualTo(once.size());
            assertThat(meters.get("icss.notifications.pending").gauge().value()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aWatcherSeesOnlyThePublicStandingOfTheOrganisationsItNamed() throws Exception {
        GoldAwarded gold1 = Events.gold("watch-1", "ICSS-G-2025-WATCH00001", LocalDate.of(2025, 2, 1),
                Instant.parse("2026-05-30T10:00:00Z"));
        GoldAwarded gold2 = Events.gold("watch-2", "ICSS-G-2025-WATCH00002", LocalDate.of(2025, 2, 1),
                Instant.parse("2026-05-30T10:00:00Z"));
        publish(Events.registered("watch-1", "Wattle Water", "GR", MemberBody.HICS),
                Events.registered("watch-2", "Waratah Wines", "GR", MemberBody.HICS));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(null, "/api/v1/registry/organisations/watch-2")
                .statusCode() == 200 && get(null, "/api/v1/registry/organisations/watch-1").statusCode() == 200);

        try (WebhookReceiver watcherReceiver = new WebhookReceiver(0);
             WebhookReceiver memberReceiver = new WebhookReceiver(0)) {
            Map<String, Object> watching = subscribe(WATCHER, Map.of("targetUrl", watcherReceiver.url("/w"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("watch-1")));
            assertThat(subscription(watching).get("audience")).isEqualTo("PUBLIC");
            Map<String, Object> member = subscribe(HICS, Map.of("targetUrl", memberReceiver.url("/m"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("watch-1")));
            assertThat(subscription(member).get("audience")).isEqualTo("FULL");
            awaitState(WATCHER, (String) subscription(watching).get("id"), "ACTIVE");
            awaitState(HICS, (String) subscription(member).get("id"), "ACTIVE");

            // what a watcher and other member bodies may not subscribe to
            assertThat(post(WATCHER, "/api/v1/subscriptions", Map.of("targetUrl", watcherReceiver.url("/w"),
                    "eventTypes", ALL_TYPES, "allOrganisations", true)).statusCode()).isEqualTo(422);
            assertThat(post(WATCHER, "/api/v1/subscriptions", Map.of("targetUrl", watcherReceiver.url("/w"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("no-such-org"))).statusCode()).isEqualTo(422);
            assertThat(post(HKCSC, "/api/v1/subscriptions", Map.of("targetUrl", memberReceiver.url("/m"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("watch-1"))).statusCode()).isEqualTo(403);
            assertThat(post(HICS, "/api/v1/subscriptions", Map.of("targetUrl", memberReceiver.url("/m"),
                    "eventTypes", List.of("org.icss.score.changed"), "organisations", List.of("watch-1")))
                    .statusCode()).isEqualTo(422);
            // the watcher's subscription is its own: another caller does not see it
            assertThat(get(HICS, "/api/v1/subscriptions/" + subscription(watching).get("id")).statusCode())
                    .isEqualTo(404);

            CertificationSuspended suspended1 = suspended(gold1, LocalDate.of(2026, 5, 10));
            publish(gold1, gold2);
            // Gold is the standing before the suspension arrives (else the two are one change: none to suspended)
            await().atMost(Duration.ofSeconds(60)).until(() -> announced("watch-1").size() >= 2
                    && dirtyStandings() == 0);
            publish(suspended1, suspended(gold2, LocalDate.of(2026, 5, 10)));
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(watcherReceiver)
                    .contains(suspended1.eventId().toString()) && ids(memberReceiver)
                    .contains(suspended1.eventId().toString())
                    && standingChanges(watcherReceiver.deduplicated(), "watch-1").contains(
                    "GOLD/ACTIVE->GOLD/SUSPENDED"));

            // a subscription to watch-1 never receives watch-2
            assertThat(watcherReceiver.received()).isNotEmpty()
                    .allMatch(r -> r.json().path("subject").asText().equals("watch-1"));
            assertThat(memberReceiver.received()).isNotEmpty()
                    .allMatch(r -> r.json().path("subject").asText().equals("watch-1"));
            // the watcher gets the public standing only: no scores, no member body, no causes, no history lines
            for (WebhookReceiver.Received r : watcherReceiver.received()) {
                JsonNode data = r.json().path("data");
                List<String> fields = new ArrayList<>();
                data.fieldNames().forEachRemaining(fields::add);
                assertThat(PUBLIC_FIELDS).containsAll(fields);
                assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).toLowerCase())
                        .doesNotContain("score").doesNotContain("memberbody").doesNotContain("causes")
                        .doesNotContain("hics");
            }
            // while the member body that registered it gets the full notification
            assertThat(memberReceiver.received()).anyMatch(r -> r.json().path("data").path("memberBody").asText()
                    .equals("HICS"));
        }
    }

    @Test
    void aReceiverThatHangsHoldsUpOnlyItsOwnSubscription() throws Exception {
        publish(Events.registered("slow-1", "Sluggish Shipping", "GR", MemberBody.HICS),
                Events.registered("slow-2", "Speedy Ships", "GR", MemberBody.HICS));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(null, "/api/v1/registry/organisations/slow-1")
                .statusCode() == 200 && get(null, "/api/v1/registry/organisations/slow-2").statusCode() == 200);
        try (WebhookReceiver hanging = new WebhookReceiver(0); WebhookReceiver prompt = new WebhookReceiver(0)) {
            String slow = (String) subscription(subscribe(WATCHER, Map.of("targetUrl", hanging.url("/h"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("slow-1", "slow-2")))).get("id");
            String fast = (String) subscription(subscribe(WATCHER, Map.of("targetUrl", prompt.url("/p"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("slow-1", "slow-2")))).get("id");
            awaitState(WATCHER, slow, "ACTIVE");
            awaitState(WATCHER, fast, "ACTIVE");
            hanging.hang();

            GoldAwarded gold1 = Events.gold("slow-1", "ICSS-G-2025-SLOW000001", LocalDate.of(2025, 2, 1),
                    Instant.parse("2026-05-30T10:00:00Z"));
            GoldAwarded gold2 = Events.gold("slow-2", "ICSS-G-2025-SLOW000002", LocalDate.of(2025, 2, 1),
                    Instant.parse("2026-05-30T10:00:00Z"));
            publish(gold1, gold2, suspended(gold1, LocalDate.of(2026, 5, 12)), suspended(gold2, LocalDate.of(2026, 5,
                    12)));
            // every notification reaches the prompt receiver while the hanging one has answered nothing
            await().atMost(Duration.ofSeconds(60)).until(() -> announced("slow-1", "slow-2").size() >= 6
                    && dirtyStandings() == 0 && pending(WATCHER, fast) == 0
                    && ids(prompt).containsAll(announced("slow-1", "slow-2")));
            assertThat(hanging.received()).isEmpty();
            assertThat(pending(WATCHER, slow)).isPositive();
            assertThat(pending(WATCHER, fast)).isZero();

            // once it answers again, it gets everything too
            hanging.answer();
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(hanging).containsAll(
                    announced("slow-1", "slow-2")));
        }
    }

    @Test
    void targetsOnPrivateNetworksAndOtherSchemesAreRefused() throws Exception {
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data/",
                "http://192.168.0.10:8080/", "http://[fd00::1]/hook", "http://[fe80::1]/hook", "http://224.0.0.1/",
                "http://0.0.0.0/", "ftp://example.org/hook", "http://user:secret@127.0.0.1/hook",
                "http://no-such-host.invalid/hook", "not a url")) {
            HttpResponse<String> answer = post(COMPLIANCE, "/api/v1/subscriptions", Map.of("targetUrl", url,
                    "eventTypes", ALL_TYPES, "allOrganisations", true));
            assertThat(answer.statusCode()).as(url).isEqualTo(422);
            assertThat(JSON.readTree(answer.body()).path("errors").path("targetUrl").asText()).as(url).isNotEmpty();
        }
        assertThat(subscriptionsOf(COMPLIANCE)).isEmpty();
    }

    @Test
    void nothingIsDeliveredBeforeTheReceiverEchoesTheChallenge() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            receiver.echoChallenge(false);
            Map<String, Object> created = subscribe(APCSC, Map.of("targetUrl", receiver.url("/v"),
                    "eventTypes", ALL_TYPES, "allOrganisations", true));
            String id = (String) subscription(created).get("id");
            GoldAwarded gold = Events.gold("verify-1", "ICSS-G-2025-VERIF00001", LocalDate.of(2025, 2, 1),
                    Instant.parse("2026-05-30T10:00:00Z"));
            publish(Events.registered("verify-1", "Verified Ventures", "SG", MemberBody.APCSC), gold);
            await().atMost(Duration.ofSeconds(60)).until(() -> pending(APCSC, id) >= 2
                    && log(APCSC, id).size() >= 2);
            assertThat(receiver.received()).isEmpty();
            assertThat(subscription(APCSC, id).path("state").asText()).isEqualTo("PENDING_VERIFICATION");

            receiver.echoChallenge(true);
            awaitState(APCSC, id, "ACTIVE");
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver).contains(gold.eventId().toString()));
        }
    }

    @Test
    void rotationRedeliveryFailingAndDeletion() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            Map<String, Object> created = subscribe(CSIA, Map.of("targetUrl", receiver.url("/r"),
                    "eventTypes", ALL_TYPES, "allOrganisations", true));
            String id = (String) subscription(created).get("id");
            String first = (String) created.get("secret");
            awaitState(CSIA, id, "ACTIVE");
            GoldAwarded gold = Events.gold("rotate-1", "ICSS-G-2025-ROTAT00001", LocalDate.of(2025, 2, 1),
                    Instant.parse("2026-05-30T10:00:00Z"));
            publish(Events.registered("rotate-1", "Rotating Rails", "US", MemberBody.CSIA), gold);
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver).contains(gold.eventId().toString()));

            // a rotation: the new secret is shown once, and both sign until the overlap ends; an Idempotency-Key does
            // not keep the answer (it would store and show the secret again)
            HttpResponse<String> rotated = http.send(HttpRequest.newBuilder(URI.create(baseUrl
                            + "/api/v1/subscriptions/" + id + "/secret")).header("X-API-Key", CSIA.key())
                    .header("Idempotency-Key", "rotate-" + id).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rotated.headers().firstValue("Idempotent-Replayed")).isEmpty();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotent_request", Long.class)).isZero();
            assertThat(rotated.statusCode()).isEqualTo(200);
            String second = JSON.readTree(rotated.body()).path("secret").asText();
            assertThat(second).startsWith("whsec_").isNotEqualTo(first);
            assertThat(get(CSIA, "/api/v1/subscriptions/" + id).body()).doesNotContain(second).doesNotContain(first);
            CertificationSuspended suspension = suspended(gold, LocalDate.of(2026, 5, 11));
            publish(suspension);
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver)
                    .contains(suspension.eventId().toString()));
            WebhookReceiver.Received signed = receiver.deduplicated().stream().filter(r -> r.json().path("id")
                    .asText().equals(suspension.eventId().toString())).findFirst().orElseThrow();
            assertThat(StandardWebhooksVerifier.verify(second, signed.webhookId(), signed.timestamp(),
                    signed.signature(), signed.body(), Instant.now())).isTrue();
            assertThat(StandardWebhooksVerifier.verify(first, signed.webhookId(), signed.timestamp(),
                    signed.signature(), signed.body(), Instant.now())).isTrue();

            // redelivery from a date: the same notifications again, with the same webhook-id
            String goldWebhookId = receiver.deduplicated().stream().filter(r -> r.json().path("id").asText()
                    .equals(gold.eventId().toString())).findFirst().orElseThrow().webhookId();
            HttpResponse<String> redelivery = post(CSIA, "/api/v1/subscriptions/" + id + "/redeliver?from="
                    + LocalDate.now(ZoneOffset.UTC), Map.of());
            assertThat(redelivery.statusCode()).isEqualTo(202);
            assertThat(JSON.readTree(redelivery.body()).path("queued").asInt()).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received().stream()
                    .filter(r -> r.webhookId().equals(goldWebhookId)).count() == 2);

            // a receiver failing past the failing period: the owner sees FAILING, then ACTIVE once it recovers
            receiver.alwaysFail(true);
            CertificationReinstated reinstated = new CertificationReinstated(gold.organisationId(),
                    Events.id("rotate-1/reinstated"), LocalDate.of(2026, 5, 21), Instant.parse("2026-05-30T11:00:00Z"),
                    gold.certificateNumber(), "hc-rotate");
            publish(reinstated);
            awaitState(CSIA, id, "FAILING");
            assertThat(subscription(CSIA, id).path("failingSince").asText()).isNotEmpty();
            receiver.alwaysFail(false);
            awaitState(CSIA, id, "ACTIVE");
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver)
                    .contains(reinstated.eventId().toString()));

            // deletion: gone for its owner; another member body never saw it
            assertThat(get(HKCSC, "/api/v1/subscriptions/" + id).statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/subscriptions/" + id))
                    .header("X-API-Key", CSIA.key()).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(204);
            assertThat(get(CSIA, "/api/v1/subscriptions/" + id).statusCode()).isEqualTo(404);
            assertThat(subscriptionsOf(CSIA)).isEmpty();
        }
    }

    @Test
    void theDeliveryLogAndFinishedDeliveriesGoAfterTheRetentionPendingOnesAndTheNotificationsStay() throws Exception {
        publish(Events.registered("prune-1", "Pruned Parks", "GR", MemberBody.HICS));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(null, "/api/v1/registry/organisations/prune-1")
                .statusCode() == 200);
        try (WebhookReceiver receiver = new WebhookReceiver(0)) {
            Map<String, Object> created = subscribe(HICS, Map.of("targetUrl", receiver.url("/prune"),
                    "eventTypes", ALL_TYPES, "organisations", List.of("prune-1")));
            String id = (String) subscription(created).get("id");
            awaitState(HICS, id, "ACTIVE");
            GoldAwarded gold = Events.gold("prune-1", "ICSS-G-2025-PRUNE00001", LocalDate.of(2025, 2, 1),
                    Instant.parse("2026-05-30T10:00:00Z"));
            publish(gold);
            // the award and the standing change it makes, both delivered
            await().atMost(Duration.ofSeconds(60)).until(() -> ids(receiver).contains(gold.eventId().toString())
                    && !standingChanges(receiver.received(), "prune-1").isEmpty() && pending(HICS, id) == 0);
            assertThat(log(HICS, id)).as("the verification and the deliveries").hasSizeGreaterThanOrEqualTo(3);

            // all of it 31 days old, beside a delivery from then that is still pending (its next try tomorrow)
            jdbc.update("UPDATE notification_attempt SET attempted_at = attempted_at - interval '31 days' "
                    + "WHERE subscription_id = ?::uuid", id);
            jdbc.update("UPDATE notification_delivery SET created_at = created_at - interval '31 days' "
                    + "WHERE subscription_id = ?::uuid", id);
            jdbc.update("INSERT INTO notification_delivery (subscription_id, event_seq, organisation_id, "
                    + "next_attempt_at, created_at) SELECT ?::uuid, max(event_seq), 'prune-1', now() + interval "
                    + "'1 day', now() - interval '40 days' FROM notification_event WHERE organisation_id = 'prune-1'",
                    id);
            List<String> notifications = announced("prune-1");
            long othersAttempts = jdbc.queryForObject("SELECT count(*) FROM notification_attempt "
                    + "WHERE subscription_id <> ?::uuid", Long.class, id);

            NotificationLogPruner.Pruned pruned = registry.getBean(NotificationLogPruner.class).prune();

            assertThat(log(HICS, id)).as("the owner's log after 30 days").isEmpty();
            assertThat(pruned.attempts()).isGreaterThanOrEqualTo(3);
            assertThat(jdbc.queryForList("SELECT state FROM notification_delivery WHERE subscription_id = ?::uuid",
                    String.class, id)).as("only the pending delivery is kept").containsExactly("PENDING");
            assertThat(pending(HICS, id)).isEqualTo(1);
            assertThat(announced("prune-1")).as("the notifications stay, for a redelivery")
                    .containsExactlyInAnyOrderElementsOf(notifications);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_attempt WHERE subscription_id <> "
                    + "?::uuid", Long.class, id)).as("other subscriptions' recent log").isGreaterThanOrEqualTo(
                    othersAttempts);
        }
    }

    @Test
    void aReplayOfTheRegistryAnnouncesNothingAgain() throws Exception {
        GoldAwarded gold = Events.gold("replay-1", "ICSS-G-2025-REPLA00001", LocalDate.of(2025, 2, 1),
                Instant.parse("2026-05-30T10:00:00Z"));
        publish(Events.registered("replay-1", "Replayed Resorts", "HK", MemberBody.HKCSC), gold,
                suspended(gold, LocalDate.of(2026, 5, 2)));
        await().atMost(Duration.ofSeconds(60)).until(() -> announced("replay-1").size() >= 3
                && dirtyStandings() == 0);
        Long before = jdbc.queryForObject("SELECT count(*) FROM notification_event", Long.class);

        HttpResponse<String> replay = post(COMPLIANCE, "/api/v1/compliance/replays", Map.of());
        assertThat(replay.statusCode()).isEqualTo(202);
        String location = replay.headers().firstValue("Location").orElseThrow();
        await().atMost(Duration.ofSeconds(120)).until(() -> JSON.readTree(get(COMPLIANCE, location).body())
                .path("state").asText().equals("SWITCHED"));
        await().atMost(Duration.ofSeconds(60)).until(() -> dirtyStandings() == 0);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_event", Long.class)).isEqualTo(before);
    }

    // --- helpers ---

    private static CertificationSuspended suspended(GoldAwarded gold, LocalDate on) {
        return new CertificationSuspended(gold.organisationId(), Events.id(gold.organisationId().value()
                + "/suspended/" + on), on, Instant.parse("2026-05-30T10:30:00Z"), gold.certificateNumber(),
                CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED, "hc-" + on);
    }

    @SuppressWarnings("unchecked")
    private static void publish(LedgerEvent... events) throws Exception {
        KafkaMessageConverter<String, byte[]> converter = registry.getBean(KafkaMessageConverter.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (LedgerEvent event : events) {
                producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), topic)).get();
            }
        }
    }

    /** The CloudEvent ids the registry announced for these organisations (its outbox). */
    private static List<String> announced(String... organisations) {
        return jdbc.queryForList("SELECT event_id::text FROM notification_event WHERE organisation_id = ANY (?)",
                String.class, (Object) organisations);
    }

    private static List<String> announcedInOrder(String organisation) {
        return jdbc.queryForList("SELECT event_id::text FROM notification_event WHERE organisation_id = ? "
                + "ORDER BY event_seq", String.class, organisation);
    }

    private static long dirtyStandings() {
        String schema = jdbc.queryForObject("SELECT g.schema_name FROM registry_current c "
                + "JOIN registry_generation g ON g.generation = c.generation", String.class);
        return jdbc.queryForObject("SELECT count(*) FROM " + schema + ".standing WHERE dirty", Long.class);
    }

    private static Set<String> ids(WebhookReceiver receiver) {
        return receiver.received().stream().map(r -> r.json().path("id").asText())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static JsonNode byId(List<WebhookReceiver.Received> received, String id) {
        return received.stream().map(WebhookReceiver.Received::json).filter(e -> e.path("id").asText().equals(id))
                .findFirst().orElseThrow();
    }

    /** "TIER/STATUS->TIER/STATUS" of each standing change of an organisation, in arrival order. */
    private static List<String> standingChanges(List<WebhookReceiver.Received> received, String organisation) {
        return received.stream().map(WebhookReceiver.Received::json)
                .filter(e -> e.path("type").asText().equals("org.icss.standing.changed")
                        && e.path("subject").asText().equals(organisation))
                .map(e -> e.path("data").path("before").path("tier").asText() + "/"
                        + e.path("data").path("before").path("status").asText(null) + "->"
                        + e.path("data").path("after").path("tier").asText() + "/"
                        + e.path("data").path("after").path("status").asText(null))
                .toList();
    }

    private static byte[] tampered(byte[] body) {
        byte[] copy = body.clone();
        copy[copy.length / 2] ^= 1;
        return copy;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> subscribe(TestKeys.Key key, Map<String, Object> body) throws Exception {
        HttpResponse<String> answer = post(key, "/api/v1/subscriptions", body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        assertThat(answer.headers().firstValue("Location")).isPresent();
        assertThat(answer.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        return JSON.readValue(answer.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> subscription(Map<String, Object> created) {
        return (Map<String, Object>) created.get("subscription");
    }

    private JsonNode subscription(TestKeys.Key key, String id) throws Exception {
        return JSON.readTree(get(key, "/api/v1/subscriptions/" + id).body());
    }

    private List<JsonNode> subscriptionsOf(TestKeys.Key key) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        JSON.readTree(get(key, "/api/v1/subscriptions").body()).forEach(all::add);
        return all;
    }

    private long pending(TestKeys.Key key, String id) throws Exception {
        return subscription(key, id).path("pending").asLong();
    }

    private List<JsonNode> log(TestKeys.Key key, String id) throws Exception {
        List<JsonNode> attempts = new ArrayList<>();
        JSON.readTree(get(key, "/api/v1/subscriptions/" + id + "/deliveries?limit=200").body())
                .forEach(attempts::add);
        return attempts;
    }

    private void awaitState(TestKeys.Key key, String id, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> subscription(key, id).path("state").asText()
                .equals(state));
    }

    private HttpResponse<String> get(TestKeys.Key key, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path
                : baseUrl + path)).GET();
        if (key != null) {
            request.header("X-API-Key", key.key());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(TestKeys.Key key, String path, Map<String, Object> body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("X-API-Key", key.key())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
