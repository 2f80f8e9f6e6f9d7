package org.icss.ledger.platform;

import org.icss.ledger.events.LedgerEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * {@link #firstDelivery} for many events in one JDBC batch: records each id for {@code consumer} and returns
     * the events seen for the first time, in order (an id already recorded, or twice in the list, only once).
     */
    public <E extends LedgerEvent> List<E> firstDeliveries(String consumer, List<? extends E> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        int[] inserted = jdbc.batchUpdate("INSERT INTO processed_event (consumer, event_id) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING", events.stream().map(e -> new Object[]{consumer, e.eventId()}).toList());
        List<E> first = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 1) {
                first.add(events.get(i));
            }
        }
        return first;
    }

    public long count(String consumer) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ?", Long.class,
                consumer);
        return count == null ? 0 : count;
    }
}
