package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What every event of the ledger carries: its own id (consumers deduplicate on it, as Kafka delivers at least
 * once), the business date it is about and the instant the ledger recorded it. {@link #partitionKey()} is the
 * Kafka record key: events with the same key stay in order.
 */
public interface LedgerEvent {

    UUID eventId();

    LocalDate effectiveOn();

    Instant recordedAt();

    String partitionKey();
}
