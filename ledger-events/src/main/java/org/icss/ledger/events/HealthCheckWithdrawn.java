package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The member body withdrew an earlier health check: it no longer counts. {@code effectiveOn} is its date. */
public record HealthCheckWithdrawn(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        MemberBody memberBody,
        String healthCheckId,
        String reason) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
