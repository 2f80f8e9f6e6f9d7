package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A certification audit scored at least the Certified threshold (default 4) on every attribute, but not Gold on
 * all: a Certified Customer Service Organisation certificate, valid on {@code effectiveOn <= D < validUntil}.
 */
public record CertificationGranted(
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
