package org.icss.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.icss.ledger.bench.Ledger.Backlog;
import org.icss.ledger.bench.Ledger.Org;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Phases (2), (3) and (5), against the running system through its public APIs. */
final class SystemBench {

    private static final LocalDate FIRST_AUDIT = LocalDate.of(2020, 1, 6);

    private final Ledger ledger;
    private final BenchConfig config;
    private final OpenLoop load;
    private long auditSequence;

    SystemBench(Ledger ledger) {
        this.ledger = ledger;
        this.config = ledger.config();
        this.load = new OpenLoop(ledger.http, 1024);
    }

    // ------------------------------------------------------------------ (2) ingest

    /** One step of the ingest ladder. */
    record Step(int rate, double seconds, long accepted, long failed, double acceptedRate, long backlogStart,
                long backlogEnd, long backlogMax, double backlogSlope, boolean held, String why, double postP99,
                double drainSeconds, Map<String, Double> cpuSeconds) {
    }

    /**
     * The ladder's steps, and the cores each process used at rest just before it (no load sent, the backlog drained;
     * empty when not measured): what a step costs above that is what its audits cost.
     */
    record Ingest(List<Step> steps, Map<String, Double> restCores) {
        Ingest(List<Step> steps) {
            this(steps, Map.of());
        }

        int highestHeld() {
            return steps.stream().filter(Step::held).mapToInt(Step::rate).max().orElse(0);
        }
    }

    /**
     * Steps the audit rate up the ladder, each rate held for {@code ingestHold}: a step is held when audit-service
     * accepted at least 95 % of the audits due (at most 1 % failed) and the processors' backlog did not grow over
     * the second half of the window (least-squares slope at most 2 % of the rate, or under 1 s of work at the end).
     * A step whose backlog passes 15 s of work is stopped early. Between steps the backlog drains (at most 60 s).
     * The ladder stops at the first step not held.
     */
    Ingest ingest(List<Org> pool, List<Integer> rates) {
        List<Step> steps = new ArrayList<>();
        for (int rate : rates) {
            Step step = ingestStep(rate, pool);
            steps.add(step);
            Bench.log("ingest %d/s: accepted %.0f/s, backlog %d -> %d (max %d, slope %.1f/s), drained in %.1f s: %s",
                    rate, step.acceptedRate(), step.backlogStart(), step.backlogEnd(), step.backlogMax(),
                    step.backlogSlope(), step.drainSeconds(), step.held() ? "held" : "not held (" + step.why() + ")");
            if (!step.held()) {
                break;
            }
        }
        return new Ingest(steps);
    }

    /** Cores each process used over {@code window} with no load sent: the system's own work at rest. */
    Map<String, Double> atRest(Duration window) {
        Map<String, Double> before = CpuTime.sample(config.pids());
        long t0 = System.nanoTime();
        sleep(window);
        Map<String, Double> used = CpuTime.used(before, CpuTime.sample(config.pids()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> cores = new java.util.LinkedHashMap<>();
        used.forEach((name, s) -> cores.put(name, s / seconds));
        return cores;
    }

    private Step ingestStep(int rate, List<Org> pool) {
        List<long[]> samples = new ArrayList<>(); // {millis since start, backlog}
        long startBacklog = ledger.backlog().total();
        Map<String, Double> cpuBefore = CpuTime.sample(config.pids());
        long base = auditSequence;
        auditSequence += (long) rate * config.ingestHold().toSeconds() + rate;
        CompletableFuture<OpenLoop.Outcome> running = CompletableFuture.supplyAsync(() -> load.run(rate,
                config.ingestHold(), i -> {
                    long n = base + i;
                    Org org = pool.get((int) (n % pool.size()));
                    return ledger.audit(org, "ingest-" + n, auditDate(n / pool.size()), 6 + (int) (n % 4));
                }, null));
        long t0 = System.nanoTime();
        String why = "";
        while (!running.isDone()) {
            sleep(Duration.ofSeconds(1));
            long backlog = ledger.backlog().total();
            samples.add(new long[]{(System.nanoTime() - t0) / 1_000_000, backlog});
            if (backlog - startBacklog > rate * 15L && (System.nanoTime() - t0) > Duration.ofSeconds(5).toNanos()) {
                why = "backlog grew by more than 15 s of work (to " + backlog + " events) in "
                        + (System.nanoTime() - t0) / 1_000_000_000 + " s; stopped early";
                load.stop();
            }
        }
        OpenLoop.Outcome outcome = running.join();
        Map<String, Double> cpu = CpuTime.used(cpuBefore, CpuTime.sample(config.pids()));
        long holdMillis = Math.min(config.ingestHold().toMillis(), (System.nanoTime() - t0) / 1_000_000);
        double slope = slope(samples.stream().filter(s -> s[0] >= holdMillis / 2).toList());
        long end = samples.isEmpty() ? startBacklog : samples.get(samples.size() - 1)[1];
        long max = samples.stream().mapToLong(s -> s[1]).max().orElse(startBacklog);
        double accepted = outcome.ok() / (holdMillis / 1000.0);
        boolean rateOk = outcome.ok() >= 0.95 * rate * (holdMillis / 1000.0)
                && outcome.failed() <= 0.01 * Math.max(1, outcome.due());
        boolean backlogOk = slope <= Math.max(0.02 * rate, 2) || end <= rate;
        if (why.isEmpty()) {
            if (!rateOk) {
                why = String.format("accepted %.0f/s of %d/s, %d failed%s", accepted, rate, outcome.failed(),
                        outcome.firstError() == null ? "" : " (" + outcome.firstError() + ")");
            } else if (!backlogOk) {
                why = String.format("backlog grew %.1f events/s over the second half", slope);
            }
        }
        double drain = drain(Duration.ofSeconds(config.smoke() ? 30 : 60));
        return new Step(rate, outcome.seconds(), outcome.ok(), outcome.failed(), accepted, startBacklog, end, max,
                slope, why.isEmpty(), why, outcome.p99Millis(), drain, cpu);
    }

    /** Waits until every processor caught up; the seconds it took, or -1 when it did not within {@code cap}. */
    double drain(Duration cap) {
        long t0 = System.nanoTime();
        long deadline = t0 + cap.toNanos();
        while (System.nanoTime() < deadline) {
            Backlog backlog = ledger.backlog();
            if (backlog.total() == 0) {
                return (System.nanoTime() - t0) / 1e9;
            }
            sleep(Duration.ofMillis(250));
        }
        return -1;
    }

    /** Audit dates that move forward for each organisation, 20 days apart, never after yesterday. */
    private static LocalDate auditDate(long round) {
        LocalDate yesterday = LocalDate.now().minusDays(1);
        long span = FIRST_AUDIT.until(yesterday).toTotalMonths() * 30 / 20;
        return FIRST_AUDIT.plusDays(20 * (round % Math.max(1, span)));
    }

    private static double slope(List<long[]> points) {
        if (points.size() < 2) {
            return 0;
        }
        double n = points.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (long[] p : points) {
            double x = p[0] / 1000.0;
            sx += x;
            sy += p[1];
            sxx += x * x;
            sxy += x * p[1];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }

    // ------------------------------------------------------------------ (3) freshness

    record Freshness(int rate, long posted, long seen, long notSeen, Histogram latency, double postP99,
                     String firstError) {
    }

    /**
     * Posts a Gold audit for each of {@code fresh} (organisations without one) at {@code rate} a second; for each
     * accepted POST, the time from its 201 until registry-query's standing API shows the organisation GOLD. A
     * watcher looks every 10 ms which pending organisations have a certificate row in the registry's current
     * generation and asks the API for those; the latency is taken when the API answers GOLD.
     */
    Freshness freshness(List<Org> fresh, int rate) {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(120), 3);
        LocalDate auditedOn = LocalDate.now().minusDays(1);
        // one new organisation per audit: no longer than the registered ones last
        Duration duration = Duration.ofMillis(Math.min(config.freshnessDuration().toMillis(),
                fresh.size() * 1000L / rate));
        CompletableFuture<OpenLoop.Outcome> running = CompletableFuture.supplyAsync(() -> load.run(
                rate, duration,
                i -> ledger.audit(fresh.get((int) (i % fresh.size())), "fresh-" + i, auditedOn, 8),
                (index, intended, response) -> {
                    if (response.statusCode() == 201) {
                        accepted.incrementAndGet();
                        pending.put(fresh.get((int) (index % fresh.size())).id(), System.nanoTime());
                    }
                }));
        long seen = 0;
        long cap = System.nanoTime() + duration.toNanos() + Duration.ofSeconds(60).toNanos();
        while ((!running.isDone() || !pending.isEmpty()) && System.nanoTime() < cap) {
            sleep(Duration.ofMillis(10));
            List<String> ids = pending.keySet().stream().limit(1000).toList();
            for (String id : ledger.withCertificate(ids)) {
                try {
                    HttpResponse<String> response = ledger.http.send(ledger.standing(id),
                            HttpResponse.BodyHandlers.ofString());
                    JsonNode standing = Ledger.JSON.readTree(response.body());
                    if (response.statusCode() == 200 && "GOLD".equals(standing.path("tier").asText())) {
                        Long acceptedAt = pending.remove(id);
                        if (acceptedAt != null) {
                            latency.recordValue(Math.max(1, (System.nanoTime() - acceptedAt) / 1000));
                            seen++;
                        }
                    }
                } catch (Exception e) {
                    Bench.log("freshness: standing of %s failed: %s", id, e);
                }
            }
        }
        OpenLoop.Outcome outcome = running.join();
        // accepted counts 201s that came after the load generator stopped waiting, too: they are followed as well
        return new Freshness(rate, accepted.get(), seen, pending.size(), latency,
                outcome.p99Millis(), outcome.firstError());
    }

    // ------------------------------------------------------------------ (5) rebuild

    record Rebuild(String state, long events, double seconds, long rawEvents, double rawSeconds, boolean capped,
                   String error) {
        double rate() {
            return events / Math.max(seconds, 0.001);
        }

        double rawRate() {
            return rawEvents / Math.max(rawSeconds, 0.001);
        }
    }

    /**
     * registry-query's replay (the compliance API) from offset 0 of the three topics into a new generation, events
     * per second from its own progress; then the raw baseline over the same records: a plain Kafka consumer reads
     * the same partitions up to the same end offsets, parses each event (Jackson) and inserts one row per event
     * with JDBC batches into a scratch table.
     */
    Rebuild rebuild(Duration cap) {
        JsonNode started = ledger.sendJson(ledger.compliance("POST", "/api/v1/compliance/replays"));
        String id = started.path("replayId").asText();
        long deadline = System.nanoTime() + cap.toNanos();
        JsonNode progress = started;
        while (System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(500));
            progress = ledger.sendJson(ledger.compliance("GET", "/api/v1/compliance/replays/" + id));
            if (!"RUNNING".equals(progress.path("state").asText())) {
                break;
            }
        }
        String state = progress.path("state").asText();
        long done = progress.path("eventsDone").asLong();
        Instant from = Instant.parse(progress.path("startedAt").asText());
        Instant to = progress.hasNonNull("finishedAt") ? Instant.parse(progress.path("finishedAt").asText())
                : Instant.now();
        double seconds = Duration.between(from, to).toMillis() / 1000.0;
        Bench.log("replay %s: %s, %d events in %.1f s", id, state, done, seconds);
        long[] raw = new long[1];
        double rawSeconds = rawReplay(raw, cap);
        return new Rebuild(state, done, seconds, raw[0], rawSeconds, "RUNNING".equals(state),
                progress.path("error").asText(null));
    }

    private double rawReplay(long[] applied, Duration cap) {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrap(),
                ConsumerConfig.CLIENT_ID_CONFIG, "bench-raw-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig);
             Connection connection = DriverManager.getConnection(config.scratchJdbcUrl(), config.pgUser(),
                     config.pgPassword())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS raw_projection");
                statement.execute("CREATE TABLE raw_projection (event_id UUID PRIMARY KEY, organisation_id TEXT, "
                        + "event_type TEXT NOT NULL, effective_on DATE, recorded_at TIMESTAMPTZ, payload JSONB NOT NULL)");
            }
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : config.topics()) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            consumer.seekToBeginning(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions.stream().filter(p -> end.get(p) > 0).toList());
            long deadline = System.nanoTime() + cap.toNanos();
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO raw_projection (event_id, "
                    + "organisation_id, event_type, effective_on, recorded_at, payload) VALUES (?, ?, ?, ?, ?, ?::jsonb) "
                    + "ON CONFLICT DO NOTHING")) {
                while (!open.isEmpty() && System.nanoTime() < deadline) {
                    int inBatch = 0;
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                        if (record.offset() >= end.get(partition)) {
                            continue;
                        }
                        String value = new String(record.value(), StandardCharsets.UTF_8);
                        JsonNode event = Ledger.JSON.readTree(value);
                        var type = record.headers().lastHeader("axon-message-type");
                        insert.setObject(1, UUID.fromString(event.path("eventId").asText()));
                        insert.setString(2, event.path("organisationId").asText(null));
                        insert.setString(3, type == null ? "?" : new String(type.value(), StandardCharsets.UTF_8));
                        insert.setDate(4, event.hasNonNull("effectiveOn")
                                ? Date.valueOf(LocalDate.parse(event.path("effectiveOn").asText())) : null);
                        insert.setTimestamp(5, event.hasNonNull("recordedAt")
                                ? Timestamp.from(Instant.parse(event.path("recordedAt").asText())) : null);
                        insert.setString(6, value);
                        insert.addBatch();
                        inBatch++;
                        applied[0]++;
                        if (record.offset() + 1 >= end.get(partition)) {
                            open.remove(partition);
                            consumer.pause(List.of(partition));
                        }
                    }
                    if (inBatch > 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } catch (Exception e) {
            throw new IllegalStateException("raw replay baseline failed", e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
