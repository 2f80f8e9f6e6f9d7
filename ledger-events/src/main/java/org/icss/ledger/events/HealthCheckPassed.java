package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The certifying body's annual health check found the organisation in good standing on {@code effectiveOn}. */
public record HealthCheckPassed(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        MemberBody memberBody,
        String healthCheckId) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
