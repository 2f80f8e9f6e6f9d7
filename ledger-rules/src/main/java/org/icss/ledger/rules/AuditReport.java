package org.icss.ledger.rules;

import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.StandardVersion;

import java.time.LocalDate;
import java.util.Map;

/**
 * An audit as certification knows it (its latest corrected scores). {@code sequence} is the order it was received
 * in: it breaks ties between reports of the same day.
 */
public record AuditReport(String auditId, LocalDate auditedOn, StandardVersion standard, AuditType type,
                          Map<String, Integer> scores, long sequence) {

    public AuditReport {
        scores = Map.copyOf(scores);
    }

    public AuditReport withScores(Map<String, Integer> corrected) {
        return new AuditReport(auditId, auditedOn, standard, type, corrected, sequence);
    }
}
