package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A change announced earlier (event {@code revokedEventId}, of type {@code revokedEventType}) no longer holds,
 * because a report recorded later (a correction, a withdrawal, or history posted late) changed the past. The
 * original event stays in history; {@code effectiveOn} is the business date of the revoked change, so as-of
 * answers drop it and known-at answers before {@code recordedAt} keep it.
 */
public record CertificationChangeRevoked(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        CertificateNumber certificateNumber,
        UUID revokedEventId,
        String revokedEventType) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
