package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * An audit against a version of the standard, with a score of 0..10 for each of the version's attributes.
 * {@code effectiveOn} is the date of the audit. Scores are keyed by attribute code, e.g. {@code "SRV-01"}.
 */
public record AuditScored(
        OrganisationId organisationId,
        UUID eventId,
        LocalDate effectiveOn,
        Instant recordedAt,
        MemberBody memberBody,
        String auditId,
        StandardVersion standardVersion,
        AuditType auditType,
        String auditor,
        Map<String, Integer> scores) implements OrganisationEvent {

    public AuditScored {
        scores = Map.copyOf(scores);
    }
}
