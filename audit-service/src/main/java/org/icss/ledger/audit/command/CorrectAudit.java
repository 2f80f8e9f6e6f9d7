package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;
import java.util.Map;

/**
 * New scores for an audit already recorded (DOMAIN.md rule 8). The organisation checks them against the standard
 * version of the audit it remembers, since only it knows which version that was.
 *
 * @param correctionId unique per correction (the web layer generates it), so each correction has its own event id
 * @param scores       one integer 0..10 per attribute code of the audit's standard version
 * @param reason       why the member body corrects the audit; required
 */
public record CorrectAudit(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String auditId,
        String correctionId,
        Map<String, Integer> scores,
        String reason,
        Instant recordedAt) {
}
