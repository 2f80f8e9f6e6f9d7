package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The certificate reached its {@code validUntil} without being replaced; expired from {@code effectiveOn}. */
public record CertificationExpired(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        CertificateNumber certificateNumber) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
