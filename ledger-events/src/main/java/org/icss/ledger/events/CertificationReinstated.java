package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A passed health check within the suspension limit made a suspended certificate active again. */
public record CertificationReinstated(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        CertificateNumber certificateNumber,
        String healthCheckId) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
