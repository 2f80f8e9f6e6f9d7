package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The member body corrected the result of an earlier health check. {@code effectiveOn} is the check's date. */
public record HealthCheckCorrected(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        MemberBody memberBody,
        String healthCheckId,
        String correctionId,
        boolean passed,
        String reason) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
