package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A new award replaced the certificate on {@code effectiveOn} (the new audit's date). When it happens before
 * expiry the organisation's standing continues without a gap.
 */
public record CertificateSuperseded(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        CertificateNumber certificateNumber,
        CertificateNumber supersededBy) implements OrganisationEvent {

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
