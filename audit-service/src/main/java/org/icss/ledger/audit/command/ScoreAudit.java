package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.Standard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * An audit whose scores the web layer has already checked against {@code standard}.
 *
 * @param expectedScores management's expected score for some or all attributes (a self-assessment made before the
 *                       audit); empty when none was given
 */
public record ScoreAudit(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String auditId,
        Standard standard,
        AuditType auditType,
        LocalDate auditedOn,
        String auditor,
        Map<String, Integer> scores,
        Map<String, Integer> expectedScores,
        Instant recordedAt) {

    public ScoreAudit {
        expectedScores = expectedScores == null ? Map.of() : Map.copyOf(expectedScores);
    }

    /** An audit without expected scores. */
    public ScoreAudit(OrganisationId organisationId, String auditId, Standard standard, AuditType auditType,
                      LocalDate auditedOn, String auditor, Map<String, Integer> scores, Instant recordedAt) {
        this(organisationId, auditId, standard, auditType, auditedOn, auditor, scores, Map.of(), recordedAt);
    }
}
