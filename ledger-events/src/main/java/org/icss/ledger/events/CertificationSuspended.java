package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The certificate is suspended from {@code effectiveOn}: a failed health check ({@code cause} HEALTH_CHECK_FAILED,
 * {@code causeId} the check) or a missed one ({@code cause} HEALTH_CHECK_MISSED, {@code causeId} the anniversary).
 */
public record CertificationSuspended(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        CertificateNumber certificateNumber,
        SuspensionCause cause,
        String causeId) implements OrganisationEvent {

    public enum SuspensionCause { HEALTH_CHECK_FAILED, HEALTH_CHECK_MISSED }

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
