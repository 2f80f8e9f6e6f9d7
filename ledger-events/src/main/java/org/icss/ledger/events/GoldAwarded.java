package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A certification audit scored 6 or more on every attribute: a Gold certificate valid on dates
 * {@code effectiveOn <= D < validUntil}, where {@code effectiveOn} is the award (audit) date.
 */
public record GoldAwarded(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        CertificateNumber certificateNumber,
        StandardVersion standardVersion,
        LocalDate validUntil,
        String auditId) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
