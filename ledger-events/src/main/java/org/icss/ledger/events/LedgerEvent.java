package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What every event of the ledger carries: its own id (consumers deduplicate on it, as Kafka delivers at least
 * once), the organisation it is about (the Kafka record key), the business date it is about and the instant the
 * ledger recorded it.
 */
public interface LedgerEvent {

    UUID eventId();

    OrganisationId organisationId();

    LocalDate effectiveOn();

    Instant recordedAt();
}
