package org.icss.ledger.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.icss.ledger.deploy.LedgerSystem.Response;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that keeps posting audits (every score 6 or more: each one earns a new Gold certificate) for a set of
 * organisations, as a real client would: each POST has an Idempotency-Key and is repeated with the same key until
 * the service answers it (a 5xx, a refused connection, a service that is restarting are retried). It records what
 * the API accepted, and {@link #assertNothingLostOrDoubled} checks the system against that record.
 */
final class Workload {

    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();

    private final LedgerSystem ledger;
    private final List<String> organisations = new ArrayList<>();
    private final Map<String, String> memberBodies = new ConcurrentHashMap<>();
    /** Accepted audit ids by organisation, in the order they were posted. */
    private final Map<String, List<String>> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger nextAudit = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger recordedWithoutAnswer = new AtomicInteger();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private Thread thread;
    private final Duration answerWithin;
    private final Period spacing;

    Workload(LedgerSystem ledger) {
        this(ledger, Duration.ofSeconds(120), Period.ofWeeks(1));
    }

    /**
     * @param answerWithin how long one POST is repeated before the client gives up (a killed service's restart, its
     *                     cut-off Idempotency-Key's in-progress timeout and a loaded machine all count against it),
     *                     and at least how long {@link #assertNothingLostOrDoubled} waits for the registry
     * @param spacing      business days between an organisation's audits (a week by default: from 2021 that leaves
     *                     about 300 rounds before the dates reach the future, which is refused; a month left 71, which a
     *                     slow machine posting through an outage used up)
     */
    Workload(LedgerSystem ledger, Duration answerWithin, Period spacing) {
        this.ledger = ledger;
        this.answerWithin = answerWithin;
        this.spacing = spacing;
    }

    /** Registers {@code count} organisations and waits until the consumers know them. */
    Workload register(int count) {
        String[] bodies = {"APCSC", "HKCSC", "CSIA", "HICS", "CSIAU"};
        for (int i = 0; i < count; i++) {
            String memberBody = bodies[i % bodies.length];
            Response response = postUntilAnswered("audit-service", "/api/v1/organisations", Map.of("name",
                    "Fault Org " + i + " " + UUID.randomUUID().toString().substring(0, 4), "country", "AU",
                    "memberBody", memberBody, "registeredOn", "2020-02-01"), ledger.key(memberBody));
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            String organisation = response.json().path("organisationId").asText();
            organisations.add(organisation);
            memberBodies.put(organisation, memberBody);
            accepted.put(organisation, new CopyOnWriteArrayList<>());
        }
        return this;
    }

    /** Posts {@code count} audits, round robin over the organisations, each until the API accepts it. */
    void post(int count) {
        for (int i = 0; i < count; i++) {
            postOne();
        }
    }

    /** Keeps posting in the background until {@link #stop()}. */
    void startInBackground() {
        running.set(true);
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    postOne();
                } catch (Throwable e) {
                    failures.add(e);
                    running.set(false);
                }
            }
        }, "workload");
        thread.start();
    }

    void stop() throws InterruptedException {
        running.set(false);
        thread.join(answerWithin.toMillis());
        assertThat(thread.isAlive()).as("the workload's last POST was answered").isFalse();
        assertThat(failures).isEmpty();
    }

    int acceptedCount() {
        return accepted.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Waits until {@code count} POSTs have been accepted in all; fails at once, with its cause, if the background
     * client has stopped on a failure.
     */
    void awaitAccepted(int count, Duration atMost) {
        await("the client's POSTs accepted: " + count).atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!failures.isEmpty()) {
                        throw new AssertionError("the client stopped after " + acceptedCount() + " accepted POSTs",
                                failures.get(0));
                    }
                    return acceptedCount() >= count;
                });
    }

    /** Whether a POST has been sent and not yet answered. */
    boolean inFlight() {
        return inFlight.get();
    }

    int retries() {
        return retries.get();
    }

    /** POSTs whose first answer was lost with a killed service and whose repeat found the audit recorded (409). */
    int recordedWithoutAnswer() {
        return recordedWithoutAnswer.get();
    }

    List<String> organisations() {
        return organisations;
    }

    private void postOne() {
        int n = nextAudit.getAndIncrement();
        String organisation = organisations.get(n % organisations.size());
        int round = n / organisations.size();
        String auditId = "audit-" + n;
        // one audit every spacing (a week by default) per organisation, in business-date order
        LocalDate auditedOn = LocalDate.of(2021, 1, 1).plus(spacing.multipliedBy(round));
        Response response = postUntilAnswered("audit-service", "/api/v1/organisations/" + organisation + "/audits",
                audit(auditId, auditedOn), ledger.key(memberBodies.get(organisation)));
        // 409 duplicate-audit: a service killed after recording the audit but before storing its answer under the
        // Idempotency-Key ran the repeated POST afresh; the audit is recorded once, and the client now learns it
        boolean recordedBefore = response.status() == 409 && response.body().contains("/problems/duplicate-audit");
        assertThat(response.status() == 201 || recordedBefore).as(response.status() + " " + response.body()).isTrue();
        if (recordedBefore) {
            recordedWithoutAnswer.incrementAndGet();
        }
        accepted.get(organisation).add(auditId);
    }

    /** Repeats the POST with one Idempotency-Key until the service answers it with a 2xx or 4xx. */
    private Response postUntilAnswered(String service, String path, Map<String, Object> body, String apiKey) {
        String key = UUID.randomUUID().toString();
        String json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Instant deadline = Instant.now().plus(answerWithin);
        while (true) {
            Response response = null;
            try {
                inFlight.set(true);
                response = ledger.send("POST", service, path, json, apiKey,
                        Map.of("Idempotency-Key", key));
            } catch (RuntimeException unreachable) {
                // refused or reset while the service or its database restarts
            } finally {
                inFlight.set(false);
            }
            if (response != null && response.status() < 500 && (response.status() != 409
                    || response.body().contains("/problems/duplicate-audit"))) {
                return response;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no answer to POST " + path + " within " + answerWithin + ": "
                        + (response == null ? "unreachable" : response.status() + " " + response.body()));
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static Map<String, Object> audit(String auditId, LocalDate auditedOn) {
        return audit(auditId, auditedOn, 7, Map.of());
    }

    /** A certification audit on ICSS:2020-2025 scoring {@code everyScore} on every attribute but those in {@code except}. */
    static Map<String, Object> audit(String auditId, LocalDate auditedOn, int everyScore, Map<String, Integer> except) {
        Map<String, Object> scores = new LinkedHashMap<>();
        ICSS_2020.attributeCodes().forEach(code -> scores.put(code.code(), everyScore));
        scores.putAll(except);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("auditId", auditId);
        body.put("standardVersion", "ICSS:2020-2025");
        body.put("auditType", "CERTIFICATION");
        body.put("auditedOn", auditedOn.toString());
        body.put("auditor", "R. Inspector");
        body.put("scores", scores);
        return body;
    }

    /** What a fault test reports: events through each service. */
    record Counts(int accepted, long auditEvents, long auditTopicRecords, long certificationHandled,
                  long goldAwarded, long registryEvents) {
    }

    /**
     * Waits until the registry has caught up, then checks: every accepted audit is in audit-service's event store,
     * in certification-service's handled events and in the registry's history exactly once; each earned exactly one
     * Gold certificate, and no certificate number was issued twice; the counts agree across the services.
     */
    Counts assertNothingLostOrDoubled() {
        int total = acceptedCount();
        Duration registryWithin = answerWithin.compareTo(Duration.ofSeconds(150)) > 0 ? answerWithin
                : Duration.ofSeconds(150);
        await().atMost(registryWithin).pollInterval(Duration.ofMillis(500))
                .until(() -> registryAudits() >= total && registryGolds() >= total);

        Counts counts = counts();
        Map<String, Integer> auditIds = new HashMap<>();
        Set<String> certificates = new HashSet<>();
        List<String> duplicateCertificates = new ArrayList<>();
        for (String organisation : organisations) {
            JsonNode history = ledger.get("registry-query",
                    "/api/v1/compliance/organisations/" + organisation + "/history").json();
            Set<String> eventIds = new HashSet<>();
            for (JsonNode event : history.path("events")) {
                assertThat(eventIds.add(event.path("eventId").asText())).as("event twice in the history: " + event)
                        .isTrue();
                String type = event.path("eventType").asText();
                if (type.equals("AuditScored")) {
                    auditIds.merge(word(event, " audit "), 1, Integer::sum);
                }
                if (type.equals("GoldAwarded") || type.equals("CertificationGranted")) {
                    String number = word(event, "certificate ");
                    if (!certificates.add(number)) {
                        duplicateCertificates.add(number);
                    }
                }
            }
        }
        Map<String, Integer> expected = new HashMap<>();
        accepted.values().forEach(ids -> ids.forEach(id -> expected.put(id, 1)));
        assertThat(auditIds).as("every accepted audit in the registry exactly once").isEqualTo(expected);
        assertThat(duplicateCertificates).as("certificate numbers issued twice").isEmpty();
        assertThat(certificates).hasSize(total);
        assertThat(counts.auditEvents()).as("AuditScored in audit-service's event store").isEqualTo(total);
        assertThat(counts.goldAwarded()).as("GoldAwarded in certification-service's event store").isEqualTo(total);
        // the topic may hold an event twice (re-published after a lost ack, or re-produced by a test): each event once
        assertThat(counts.certificationHandled())
                .as("audit-service's events handled by certification-service, once each")
                .isEqualTo(distinctTopicEvents(ledger.topic("audit-service")));
        return counts;
    }


    Counts counts() {
        long auditEvents = count("audit-service",
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.AuditScored'");
        long registered = count("audit-service",
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.OrganisationRegistered'");
        long handled = count("certification-service",
                "SELECT count(*) FROM processed_event WHERE consumer = 'audit-events'");
        long gold = count("certification-service",
                "SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.GoldAwarded'");
        return new Counts(acceptedCount(), auditEvents, topicRecords(ledger.topic("audit-service")), handled, gold,
                registryAudits() + registryGolds() + registered);
    }

    private long registryAudits() {
        return registryCount("AuditScored");
    }

    private long registryGolds() {
        return registryCount("GoldAwarded");
    }

    private long registryCount(String type) {
        long count = 0;
        for (String organisation : organisations) {
            Response response = ledger.get("registry-query",
                    "/api/v1/compliance/organisations/" + organisation + "/history");
            if (response.status() != 200) {
                continue;
            }
            for (JsonNode event : response.json().path("events")) {
                if (event.path("eventType").asText().equals(type)) {
                    count++;
                }
            }
        }
        return count;
    }

    private long count(String service, String sql) {
        Long count = ledger.database(service).queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    long topicRecords(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** The events on the topic, each counted once however many records carry it (Axon's message id header). */
    long distinctTopicEvents(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    var id = record.headers().lastHeader("axon-message-id");
                    ids.add(id == null ? record.topic() + "/" + record.partition() + "/" + record.offset()
                            : new String(id.value(), java.nio.charset.StandardCharsets.UTF_8));
                });
            }
        }
        return ids.size();
    }

    /** The word after {@code marker} in the history entry's summary (an audit id, a certificate number). */
    private static String word(JsonNode event, String marker) {
        String summary = event.path("summary").asText();
        int at = summary.indexOf(marker);
        assertThat(at).as(marker + " in " + summary).isNotNegative();
        return summary.substring(at + marker.length()).split(" ")[0];
    }
}
