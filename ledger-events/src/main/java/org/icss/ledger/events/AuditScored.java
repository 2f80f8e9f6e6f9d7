package org.icss.ledger.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * An audit against a version of the standard, with a score of 0..10 for each of the version's attributes.
 * {@code effectiveOn} is the date of the audit. Scores are keyed by attribute code, e.g. {@code "SRV-01"}.
 * <p>
 * Revision 2 added {@code expectedScores}: management's own expected score (0..10) for some or all attributes, a
 * self-assessment made before the audit; empty when none was given. Events of the first shape (no revision) read
 * with no expected scores (the platform's {@code AuditScoredUpcaster}).
 */
@EventRevision(AuditScored.REVISION)
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
        Map<String, Integer> scores,
        Map<String, Integer> expectedScores) implements OrganisationEvent {

    public static final String REVISION = "2";

    public AuditScored {
        scores = Map.copyOf(scores);
        expectedScores = expectedScores == null ? Map.of() : Map.copyOf(expectedScores);
    }

    /** An audit without management's expected scores. */
    public AuditScored(OrganisationId organisationId, UUID eventId, LocalDate effectiveOn, Instant recordedAt,
                       MemberBody memberBody, String auditId, StandardVersion standardVersion, AuditType auditType,
                       String auditor, Map<String, Integer> scores) {
        this(organisationId, eventId, effectiveOn, recordedAt, memberBody, auditId, standardVersion, auditType,
                auditor, scores, Map.of());
    }

    @Override
    public <R> R accept(LedgerEventVisitor<R> visitor) {
        return visitor.visit(this);
    }
}
