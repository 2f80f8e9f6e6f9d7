package org.icss.ledger.registry.query.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the webhook tables from growing without end: every {@code every}, deletes the delivery log's attempts older
 * than {@code retention} and the finished deliveries (delivered or cancelled) created before then, in batches of
 * {@value #BATCH} rows, each batch its own statement, so that no delete holds many row locks or a long transaction.
 * Pending deliveries are never deleted, however old: they are still to be sent. The notifications themselves
 * ({@code notification_event}) stay, since a redelivery from a date is made from them.
 */
public class NotificationLogPruner implements AutoCloseable {

    static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(NotificationLogPruner.class);

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "notifications-prune");
        thread.setDaemon(true);
        return thread;
    });

    /** What one pass deleted. */
    public record Pruned(long attempts, long deliveries) {
    }

    public NotificationLogPruner(JdbcTemplate jdbc, Duration retention, Clock clock) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("icss.notifications.log-retention must be positive: " + retention);
        }
        this.jdbc = jdbc;
        this.retention = retention;
        this.clock = clock;
    }

    /** Prunes every {@code every}, the first time one {@code every} after the start. */
    public NotificationLogPruner every(Duration every) {
        timer.scheduleWithFixedDelay(this::pruneQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void pruneQuietly() {
        try {
            Pruned pruned = prune();
            if (pruned.attempts() + pruned.deliveries() > 0) {
                log.info("deleted {} delivery attempts and {} finished deliveries older than {}", pruned.attempts(),
                        pruned.deliveries(), retention);
            }
        } catch (RuntimeException e) {
            log.warn("pruning the webhook delivery log failed; trying again at the next round: {}", e.toString());
        }
    }

    /** Deletes what is older than the retention now. */
    public Pruned prune() {
        Timestamp before = Timestamp.from(Instant.now(clock).minus(retention));
        long attempts = inBatches("DELETE FROM notification_attempt WHERE attempt_id IN (SELECT attempt_id "
                + "FROM notification_attempt WHERE attempted_at < ? LIMIT " + BATCH + ")", before);
        long deliveries = inBatches("DELETE FROM notification_delivery WHERE delivery_id IN (SELECT delivery_id "
                + "FROM notification_delivery WHERE created_at < ? AND state <> 'PENDING' LIMIT " + BATCH + ")",
                before);
        return new Pruned(attempts, deliveries);
    }

    private long inBatches(String delete, Timestamp before) {
        long total = 0;
        int deleted;
        do {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            deleted = jdbc.update(delete, before);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
