package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.Standard;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** An audit whose scores the web layer has already checked against {@code standard}. */
public record ScoreAudit(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String auditId,
        Standard standard,
        AuditType auditType,
        LocalDate auditedOn,
        String auditor,
        Map<String, Integer> scores,
        Instant recordedAt) {
}
