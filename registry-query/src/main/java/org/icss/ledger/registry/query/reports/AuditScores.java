package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.StandardVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One audit of an organisation as the report reads it: its scores (the latest correction's, if corrected) and
 * management's expected scores (empty when none were given). Withdrawn audits are not read at all.
 */
public record AuditScores(String auditId, LocalDate auditedOn, Instant recordedAt, StandardVersion standardVersion,
                          AuditType auditType, String auditor, Map<String, Integer> scores,
                          Map<String, Integer> expectedScores) {

    public AuditScores {
        scores = Map.copyOf(scores);
        expectedScores = expectedScores == null ? Map.of() : Map.copyOf(expectedScores);
    }
}
