package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A person holds a Certified Customer Service Manager credential valid on {@code effectiveOn <= D < validUntil}.
 * The person is named by id only; name and contact live in an erasable table, never in an event.
 */
public record ProfessionalCertified(
        ProfessionalId professionalId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        String credentialId,
        LocalDate validUntil) implements ProfessionalEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
