package org.icss.ledger.platform;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

/**
 * Remembers which events each consumer has handled. Kafka delivers at least once, so every handler of another
 * service's event asks {@link #firstDelivery} first, inside the transaction of its own work: the id is recorded
 * together with the work, or not at all.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} handles {@code eventId} now.
     *
     * @return true the first time, false for a repeated delivery that must be skipped
     */
    public boolean firstDelivery(String consumer, UUID eventId) {
        return jdbc.update("INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                consumer, eventId) == 1;
    }

    public long count(String consumer) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ?", Long.class,
                consumer);
        return count == null ? 0 : count;
    }
}
