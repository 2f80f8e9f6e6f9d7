package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * The member body corrected the scores of an earlier audit; they replace the audit's scores from now on.
 * {@code effectiveOn} is the corrected audit's date. The original {@link AuditScored} stays in history.
 */
public record AuditCorrected(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        MemberBody memberBody,
        String auditId,
        String correctionId,
        Map<String, Integer> scores,
        String reason) implements OrganisationEvent {

    public AuditCorrected {
        scores = Map.copyOf(scores);
    }

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
