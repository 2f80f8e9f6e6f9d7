package org.icss.ledger.registry.query.registry;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.platform.ProblemType;
import org.icss.ledger.platform.Rejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import javax.sql.DataSource;

/**
 * Rebuilds the read models into a new generation from the beginning of the Kafka topics, while the current
 * generation keeps answering, then switches over in one transaction ({@link Generations#switchTo}).
 * <p>
 * A replay reads every partition of the consumed topics with its own consumer (no group, no committed offsets),
 * from the first offset to the end offsets taken when it starts, and applies each event to the new generation.
 * Events published after that are written to the new generation by the live projection, which writes to every
 * generation being built; each generation is idempotent by event id, and its rows do not depend on the order
 * events arrive in, so the overlap is harmless. Progress (events done and total, rate, ETA) is kept in
 * {@code replay} after each batch.
 * <p>
 * One replay at a time, across every replica of the service: the replica running a replay holds a PostgreSQL
 * session advisory lock ({@link #LOCK_KEY}) on a connection of its own from the start of the replay to its end. A
 * RUNNING replay whose lock nobody holds was cut off (its replica stopped or died; the lock went with its
 * connection): it is marked FAILED and its tables dropped, at a replica's start, at the next start of a replay, or
 * when its status is read. A replica starting while another one replays leaves that replay alone.
 */
public class Replays implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    public enum State { RUNNING, SWITCHED, FAILED }

    /** The advisory lock key held by the replica running a replay. */
    static final long LOCK_KEY = 0x1C55_5E91A7L;

    /** A replay's progress; rate in events per second and ETA in seconds while it runs. */
    public record Progress(UUID replayId, int generation, State state, long eventsDone, long eventsTotal,
                           double ratePerSecond, Long etaSeconds, Instant startedAt, Instant finishedAt,
                           String error) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Generations generations;
    private final RegistryProjection projection;
    private final Standings standings;
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
                   RegistryProjection projection, Standings standings,
                   KafkaMessageConverter<String, byte[]> converter,
                   Supplier<Consumer<String, byte[]>> consumers, List<String> topics, int batchSize,
                   Duration pollTimeout, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.generations = generations;
        this.projection = projection;
        this.standings = standings;
        this.converter = converter;
        this.consumers = consumers;
        this.topics = List.copyOf(topics);
        this.batchSize = batchSize;
        this.pollTimeout = pollTimeout;
        this.clock = clock;
        failOrphansIfNobodyReplays();
    }

    /** Starts a replay in the background; refused (409) while another runs, on this replica or another. */
    public Progress start() {
        Connection lock = lockOrConflict();
        try {
            Progress progress = begin();
            executor.submit(() -> runHolding(progress.replayId(), lock));
            return progress;
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    /** Starts a replay and runs it to the end in this thread (tests). */
    public Progress runNow() {
        Connection lock = lockOrConflict();
        Progress progress;
        try {
            progress = begin();
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
        runHolding(progress.replayId(), lock);
        return status(progress.replayId()).orElseThrow();
    }

    /** A replay's progress; a RUNNING replay that no replica runs any more is reported (and recorded) FAILED. */
    public Optional<Progress> status(UUID replayId) {
        Optional<Progress> progress = read(replayId);
        if (progress.isPresent() && progress.get().state() == State.RUNNING && failOrphansIfNobodyReplays()) {
            return read(replayId);
        }
        return progress;
    }

    private Optional<Progress> read(UUID replayId) {
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

    /** Called holding the lock: a replay still RUNNING in the table is an orphan. */
    private Progress begin() {
        failOrphans();
        UUID replayId = UUID.randomUUID();
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO replay (replay_id, generation, state, started_at) VALUES (?, 0, 'RUNNING', ?)",
                    replayId, Timestamp.from(clock.instant()));
        });
        int generation = generations.createBuilding();
        jdbc.update("UPDATE replay SET generation = ? WHERE replay_id = ?", generation, replayId);
        return status(replayId).orElseThrow();
    }

    private void runHolding(UUID replayId, Connection lock) {
        try {
            run(replayId);
        } finally {
            release(lock);
        }
    }

    private void run(UUID replayId) {
        int generation = read(replayId).orElseThrow().generation();
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
            // the new generation answers with every organisation's standing, periods and causes computed, and with
            // statistics the planner can choose its indexes by and pages marked all-visible for index-only counts
            // (autovacuum would come to new tables only later)
            standings.refreshAll(schema, batchSize);
            generations.vacuum(generation);
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

    /** The replay lock on a connection of its own, or 409 when another replica (or this one) replays. */
    private Connection lockOrConflict() {
        Connection lock = tryLock();
        if (lock == null) {
            // provisional: once the running replay ends, the same request starts one
            throw Rejected.conflict(ProblemType.REPLAY_RUNNING,
                    "Wait for the running replay to switch over or fail (GET /api/v1/compliance/replays/{id}).")
                    .provisional();
        }
        return lock;
    }

    /** Fails the RUNNING replays if no replica holds the replay lock; true if it could look. */
    private boolean failOrphansIfNobodyReplays() {
        Connection lock = tryLock();
        if (lock == null) {
            return false;
        }
        try {
            failOrphans();
            return true;
        } finally {
            release(lock);
        }
    }

    private Connection tryLock() {
        DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource(), "data source");
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, LOCK_KEY);
                try (ResultSet result = statement.executeQuery()) {
                    if (result.next() && result.getBoolean(1)) {
                        return connection;
                    }
                }
            }
            connection.close();
            return null;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("could not take the replay lock", e);
        }
    }

    private static void release(Connection lock) {
        try (PreparedStatement statement = lock.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        } catch (SQLException e) {
            log.warn("could not release the replay lock; it goes with the connection", e);
        } finally {
            closeQuietly(lock);
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a lock connection failed", e);
        }
    }

    private void failOrphans() {
        for (Integer generation : jdbc.queryForList("SELECT generation FROM replay WHERE state = 'RUNNING'",
                Integer.class)) {
            if (generation > 0) {
                generations.abandon(generation);
            }
        }
        int failed = jdbc.update("UPDATE replay SET state = 'FAILED', finished_at = now(), error = 'interrupted: the "
                + "service stopped during the replay' WHERE state = 'RUNNING'");
        if (failed > 0) {
            log.warn("{} replay(s) found RUNNING with no replica running them: marked FAILED", failed);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
