package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What every event of the ledger carries: its own id (consumers deduplicate on it, as Kafka delivers at least
 * once), the business date it is about and the instant the ledger recorded it. {@link #partitionKey()} is the
 * Kafka record key: events with the same key stay in order.
 * <p>
 * The hierarchy is sealed: every event is one of the records of this package, and code that handles events
 * dispatches with {@link #accept} and a {@link LedgerEventVisitor}, so the compiler finds every place a new event
 * type must be handled. Jackson reads and writes the records as before (the interfaces add no properties).
 */
public sealed interface LedgerEvent permits OrganisationEvent, ProfessionalEvent {

    UUID eventId();

    LocalDate effectiveOn();

    Instant recordedAt();

    String partitionKey();

    /** Calls {@code visitor}'s method for this event's type. */
    <R> R accept(LedgerEventVisitor<R> visitor);
}
