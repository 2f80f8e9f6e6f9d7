package org.icss.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The system under test as the harness sees it: the audit and registry REST APIs (with the member bodies' keys),
 * a read-only look at the services' databases for the processors' progress, and the topics' end offsets.
 */
public final class Ledger implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Standard ICSS_2020 =
            StandardsCatalogue.shipped().find(StandardVersion.ICSS_2020_2025).orElseThrow();

    /** A registered organisation and the member body whose key may write to it. */
    public record Org(String id, String memberBody) {
    }

    /** Events each processor has not handled yet (see {@link #backlog()}). */
    public record Backlog(long auditPublisher, long certification, long registry) {
        public long total() {
            return auditPublisher + certification + registry;
        }
    }

    private final BenchConfig config;
    final HttpClient http;
    private final JdbcTemplate audit;
    private final JdbcTemplate certification;
    private final JdbcTemplate registry;
    private final Admin kafka;

    public Ledger(BenchConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.audit = jdbc(config.auditJdbcUrl());
        this.certification = jdbc(config.certificationJdbcUrl());
        this.registry = jdbc(config.registryJdbcUrl());
        this.kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap()));
    }

    JdbcTemplate jdbc(String url) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, config.pgUser(),
                config.pgPassword(), true);
        return new JdbcTemplate(dataSource);
    }

    BenchConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ REST

    HttpRequest registration(String memberBody, String name) {
        return post(config.auditUrl() + "/api/v1/organisations", memberBody,
                "{\"name\":\"" + name + "\",\"country\":\"AU\",\"registeredOn\":\"2020-01-02\"}");
    }

    /** An audit of every attribute of ICSS:2020-2025 scored {@code score}: Gold from 6 (certification rules). */
    HttpRequest audit(Org org, String auditId, LocalDate auditedOn, int score) {
        StringBuilder scores = new StringBuilder();
        for (var code : ICSS_2020.attributeCodes()) {
            scores.append(scores.isEmpty() ? "" : ",").append('"').append(code.code()).append("\":")
                    .append(score);
        }
        return post(config.auditUrl() + "/api/v1/organisations/" + org.id() + "/audits", org.memberBody(),
                "{\"auditId\":\"" + auditId + "\",\"standardVersion\":\"ICSS:2020-2025\",\"auditType\":\"CERTIFICATION\","
                        + "\"auditedOn\":\"" + auditedOn + "\",\"auditor\":\"bench assessor\",\"scores\":{" + scores + "}}");
    }

    HttpRequest standing(String organisationId) {
        return HttpRequest.newBuilder(URI.create(config.registryUrl() + "/api/v1/registry/organisations/"
                + organisationId)).timeout(Duration.ofSeconds(30)).GET().build();
    }

    HttpRequest bare() {
        return HttpRequest.newBuilder(URI.create(config.registryUrl() + "/api/v1/registry/bench/bare"))
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private HttpRequest post(String url, String memberBody, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", config.memberBodyKeys().get(memberBody))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The JSON answer of a 2xx with a body; null for any other answer (not there yet, no content). */
    JsonNode trySendJson(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 != 2 || response.body().isEmpty() ? null
                    : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode sendJson(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + OpenLoop.abbreviate(response.body()));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest compliance(String method, String path) {
        return HttpRequest.newBuilder(URI.create(config.registryUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", config.complianceKey())
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    /**
     * Registers {@code count} organisations, spread over the member bodies, with {@code concurrency} requests in
     * flight, or fewer when the deadline (System.nanoTime) comes first (a registration still refused with 503 at the
     * deadline is one of those not registered); returns them in the order they were registered.
     */
    List<Org> register(String prefix, int count, int concurrency, long deadlineNanos) {
        List<Org> orgs = Collections.synchronizedList(new ArrayList<>());
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger deferred = new java.util.concurrent.atomic.AtomicInteger();
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<?>> pending = new ArrayList<>();
        for (int i = 0; i < count && System.nanoTime() < deadlineNanos; i++) {
            String body = BenchConfig.MEMBER_BODIES.get(i % BenchConfig.MEMBER_BODIES.size());
            permits.acquireUninterruptibly();
            pending.add(registerOnce(registration(body, prefix + " " + i), deadlineNanos)
                    .whenComplete((response, error) -> {
                        permits.release();
                        try {
                            if (error != null) {
                                errors.add(error.toString());
                            } else if (response.statusCode() == 503) {
                                // still refused by back-pressure at the deadline: not registered, like one the
                                // deadline left unsent; the caller sees fewer organisations than it asked for
                                deferred.incrementAndGet();
                            } else if (response.statusCode() != 201) {
                                errors.add(response.statusCode() + " " + OpenLoop.abbreviate(response.body()));
                            } else {
                                orgs.add(new Org(JSON.readTree(response.body()).path("organisationId").asText(), body));
                            }
                        } catch (IOException e) {
                            errors.add(e.toString());
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (!errors.isEmpty()) {
            throw new IllegalStateException(errors.size() + " of " + count + " registrations failed, e.g. "
                    + errors.peek());
        }
        return List.copyOf(orgs);
    }

    /**
     * Sends one registration; a 503 (the service's back-pressure: nothing recorded) is sent again after its
     * Retry-After, until the deadline. Registrations set a phase up; they are not what it measures.
     */
    private CompletableFuture<HttpResponse<String>> registerOnce(HttpRequest request, long deadlineNanos) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenCompose(response -> {
            if (response.statusCode() != 503 || System.nanoTime() >= deadlineNanos) {
                return CompletableFuture.completedFuture(response);
            }
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(Math.max(1, seconds), java.util.concurrent.TimeUnit.SECONDS))
                    .thenCompose(ignored -> registerOnce(request, deadlineNanos));
        });
    }

    // ------------------------------------------------------------------ progress of the processors

    /** The schema of the registry's generation that answers now. */
    String currentSchema() {
        return registry.queryForObject("SELECT g.schema_name FROM registry_current c JOIN registry_generation g "
                + "ON g.generation = c.generation", String.class);
    }

    /**
     * Events recorded but not yet handled, per processor: audit-service's events not yet on its topic (the
     * Kafka publisher), audit-service's topic not yet handled by certification-service, and the three topics not
     * yet handled by registry-query's projection. Counts come from each consumer's {@code processed_event} rows
     * (one per event handled) and the topics' end offsets.
     */
    Backlog backlog() {
        Map<String, Long> ends = endOffsets();
        long auditEvents = count(audit, "SELECT count(*) FROM domain_event_entry");
        long auditTopic = ends.getOrDefault(config.auditTopic(), 0L);
        long certificationDone = count(certification,
                "SELECT count(*) FROM processed_event WHERE consumer = 'audit-events'");
        long allTopics = ends.values().stream().mapToLong(Long::longValue).sum();
        long registryDone = count(registry, "SELECT count(*) FROM processed_event WHERE consumer = ?",
                "registry:" + currentSchema());
        return new Backlog(Math.max(0, auditEvents - auditTopic), Math.max(0, auditTopic - certificationDone),
                Math.max(0, allTopics - registryDone));
    }

    /** Records on each topic (sum of the partitions' end offsets; the topics keep every record). */
    Map<String, Long> endOffsets() {
        try {
            Map<String, TopicDescription> topics = kafka.describeTopics(config.topics()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(p ->
                    specs.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            Map<String, Long> ends = new LinkedHashMap<>();
            kafka.listOffsets(specs).all().get(30, TimeUnit.SECONDS).forEach((partition, info) ->
                    ends.merge(partition.topic(), info.offset(), Long::sum));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the topics' end offsets from " + config.kafkaBootstrap(), e);
        }
    }

    /** Records on each partition of the topics (its end offset). */
    Map<TopicPartition, Long> endOffsetsByPartition() {
        try {
            Map<String, TopicDescription> topics = kafka.describeTopics(config.topics()).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
            topics.values().forEach(t -> t.partitions().forEach(p ->
                    specs.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            kafka.listOffsets(specs).all().get(30, TimeUnit.SECONDS).forEach((partition, info) ->
                    ends.put(partition, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("could not read the topics' end offsets from " + config.kafkaBootstrap(), e);
        }
    }

    private static final java.util.regex.Pattern POSITION =
            java.util.regex.Pattern.compile("\"([^\"]+)-(\\d+)\"\\s*:\\s*(\\d+)");

    /**
     * Records on the topics that registry-query's tracking processors (every processor in its {@code token_entry}:
     * the registry and the reports) have not handled yet, for the processor furthest behind: from the topics' end
     * offsets and the Kafka positions in the processors' tracking tokens (Axon's platform table, not a read model of
     * registry-query), per partition the least advanced segment. -1 when no token could be read.
     */
    /** {@link #registryLag()}'s answer, with the tokens it read (they change whenever a batch is handled). */
    record Lag(long records, String tokens) {
    }

    long registryLag() {
        return registryProgress().records();
    }

    Lag registryProgress() {
        Map<TopicPartition, Long> ends = endOffsetsByPartition();
        Map<String, Map<TopicPartition, Long>> least = new HashMap<>();
        StringBuilder tokens = new StringBuilder();
        for (Map<String, Object> row : registry.queryForList(
                "SELECT processor_name, segment, token FROM token_entry ORDER BY processor_name, segment")) {
            String processor = (String) row.get("processor_name");
            byte[] bytes = (byte[]) row.get("token");
            String token = bytes == null ? "" : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            tokens.append(processor).append(row.get("segment")).append(token);
            Map<TopicPartition, Long> positions = new HashMap<>();
            java.util.regex.Matcher m = POSITION.matcher(token);
            while (m.find()) {
                positions.put(new TopicPartition(m.group(1), Integer.parseInt(m.group(2))), Long.parseLong(m.group(3)));
            }
            Map<TopicPartition, Long> done = least.computeIfAbsent(processor, p -> {
                Map<TopicPartition, Long> all = new HashMap<>();
                ends.keySet().forEach(tp -> all.put(tp, Long.MAX_VALUE));
                return all;
            });
            for (TopicPartition tp : ends.keySet()) {
                long consumed = positions.containsKey(tp) ? positions.get(tp) + 1 : 0; // the token holds the last offset
                done.merge(tp, consumed, Math::min);
            }
        }
        if (least.isEmpty()) {
            return new Lag(-1, "");
        }
        long worst = 0;
        for (Map<TopicPartition, Long> done : least.values()) {
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                lag += Math.max(0, end.getValue() - done.getOrDefault(end.getKey(), 0L));
            }
            worst = Math.max(worst, lag);
        }
        return new Lag(worst, tokens.toString());
    }

    /** Whether each of {@code ids} has a certificate row in the registry's current generation. */
    List<String> withCertificate(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return registry.queryForList("SELECT DISTINCT organisation_id FROM " + currentSchema()
                        + ".certificate WHERE organisation_id = ANY (?)", String.class,
                (Object) ids.toArray(String[]::new));
    }

    String postgresVersion() {
        return registry.queryForObject("SELECT version()", String.class);
    }

    private static long count(JdbcTemplate jdbc, String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }

    @Override
    public void close() {
        kafka.close(Duration.ofSeconds(5));
        for (JdbcTemplate jdbc : List.of(audit, certification, registry)) {
            ((SingleConnectionDataSource) jdbc.getDataSource()).destroy();
        }
    }
}
