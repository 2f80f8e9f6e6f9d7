package org.icss.ledger.registry.query.registry;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.platform.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Rebuilds the read models into a new generation from the beginning of the Kafka topics, while the current
 * generation keeps answering, then switches over in one transaction ({@link Generations#switchTo}).
 * <p>
 * A replay reads every partition of the consumed topics with its own consumer (no group, no committed offsets),
 * from the first offset to the end offsets taken when it starts, and applies each event to the new generation.
 * Events published after that are written to the new generation by the live projection, which writes to every
 * generation being built; each generation is idempotent by event id, and its rows do not depend on the order
 * events arrive in, so the overlap is harmless. Progress (events done and total, rate, ETA) is kept in
 * {@code replay} after each batch. One replay at a time; a replay under way when the service stops is marked
 * FAILED at the next start and its tables dropped.
 */
public class Replays implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    public enum State { RUNNING, SWITCHED, FAILED }

    /** A replay's progress; rate in events per second and ETA in seconds while it runs. */
    public record Progress(UUID replayId, int generation, State state, long eventsDone, long eventsTotal,
                           double ratePerSecond, Long etaSeconds, Instant startedAt, Instant finishedAt,
                           String error) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Generations generations;
    private final RegistryProjection projection;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final Supplier<Consumer<String, byte[]>> consumers;
    private final List<String> topics;
    private final int batchSize;
    private final Duration pollTimeout;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "registry-replay");
        thread.setDaemon(true);
        return thread;
    });

    public Replays(JdbcTemplate jdbc, PlatformTransactionManager transactions, Generations generations,
                   RegistryProjection projection, KafkaMessageConverter<String, byte[]> converter,
                   Supplier<Consumer<String, byte[]>> consumers, List<String> topics, int batchSize,
                   Duration pollTimeout, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.generations = generations;
        this.projection = projection;
        this.converter = converter;
        this.consumers = consumers;
        this.topics = List.copyOf(topics);
        this.batchSize = batchSize;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
        failInterrupted();
    }

    /** Starts a replay in the background; refused (409) while another runs. */
    public Progress start() {
        Progress progress = begin();
        executor.submit(() -> run(progress.replayId()));
        return progress;
    }

    /** Starts a replay and runs it to the end in this thread (tests). */
    public Progress runNow() {
        Progress progress = begin();
        run(progress.replayId());
        return status(progress.replayId()).orElseThrow();
    }

    public Optional<Progress> status(UUID replayId) {
        return jdbc.query("SELECT * FROM replay WHERE replay_id = ?", (rs, i) -> {
            long done = rs.getLong("events_done");
            long total = rs.getLong("events_total");
            Instant started = rs.getTimestamp("started_at").toInstant();
            Timestamp finishedAt = rs.getTimestamp("finished_at");
            Instant finished = finishedAt == null ? null : finishedAt.toInstant();
            double seconds = Math.max(0.001, Duration.between(started, finished == null ? clock.instant() : finished)
                    .toMillis() / 1000.0);
            double rate = done / seconds;
            State state = State.valueOf(rs.getString("state"));
            Long eta = state != State.RUNNING ? Long.valueOf(0) : rate > 0 ? (long) Math.ceil((total - done) / rate)
                    : null;
            return new Progress(UUID.fromString(rs.getString("replay_id")), rs.getInt("generation"), state, done,
                    total, Math.round(rate * 10) / 10.0, eta, started, finished, rs.getString("error"));
        }, replayId).stream().findFirst();
    }

    private Progress begin() {
        UUID replayId = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            jdbc.execute("LOCK TABLE replay IN EXCLUSIVE MODE");
            Integer running = jdbc.queryForObject("SELECT count(*) FROM replay WHERE state = 'RUNNING'",
                    Integer.class);
            if (running != null && running > 0) {
                throw Rejected.conflict("replay-running", "A replay is under way",
                        "Wait for the running replay to switch over or fail (GET /api/v1/compliance/replays/{id}).");
            }
            jdbc.update("INSERT INTO replay (replay_id, generation, state, started_at) VALUES (?, 0, 'RUNNING', ?)",
                    replayId, Timestamp.from(clock.instant()));
        });
        int generation = generations.createBuilding();
        jdbc.update("UPDATE replay SET generation = ? WHERE replay_id = ?", generation, replayId);
        return status(replayId).orElseThrow();
    }

    private void run(UUID replayId) {
        int generation = status(replayId).orElseThrow().generation();
        String schema = Generations.schemaOf(generation);
        try (Consumer<String, byte[]> consumer = consumers.get()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long total = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
            jdbc.update("UPDATE replay SET events_total = ? WHERE replay_id = ?", total, replayId);
            log.info("replay {} into {}: {} records in {} partitions", replayId, schema, total, partitions.size());
            consumer.seekToBeginning(partitions);
            List<TopicPartition> open = new ArrayList<>(partitions.stream()
                    .filter(p -> end.get(p) > begin.get(p)).toList());
            consumer.pause(partitions.stream().filter(p -> !open.contains(p)).toList());
            long done = 0;
            while (!open.isEmpty()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                List<LedgerEvent> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= end.get(partition)) {
                        continue;
                    }
                    done++;
                    converter.readKafkaMessage(record).map(EventMessage::getPayload)
                            .filter(LedgerEvent.class::isInstance).map(LedgerEvent.class::cast).ifPresent(batch::add);
                    if (record.offset() + 1 >= end.get(partition)) {
                        open.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
                for (int from = 0; from < batch.size(); from += batchSize) {
                    List<LedgerEvent> slice = batch.subList(from, Math.min(batch.size(), from + batchSize));
                    transaction.executeWithoutResult(status -> projection.applyAll(slice, schema));
                }
                jdbc.update("UPDATE replay SET events_done = ? WHERE replay_id = ?", done, replayId);
            }
            generations.switchTo(generation);
            jdbc.update("UPDATE replay SET state = 'SWITCHED', finished_at = ? WHERE replay_id = ?",
                    Timestamp.from(clock.instant()), replayId);
            log.info("replay {}: {} records applied, {} now answers", replayId, done, schema);
        } catch (RuntimeException e) {
            log.error("replay {} into {} failed; the current generation answers on", replayId, schema, e);
            generations.abandon(generation);
            jdbc.update("UPDATE replay SET state = 'FAILED', finished_at = ?, error = ? WHERE replay_id = ?",
                    Timestamp.from(clock.instant()), String.valueOf(e.getMessage()), replayId);
        }
    }

    private void failInterrupted() {
        for (Integer generation : jdbc.queryForList("SELECT generation FROM replay WHERE state = 'RUNNING'",
                Integer.class)) {
            if (generation > 0) {
                generations.abandon(generation);
            }
        }
        jdbc.update("UPDATE replay SET state = 'FAILED', finished_at = now(), error = 'interrupted: the service "
                + "stopped during the replay' WHERE state = 'RUNNING'");
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
