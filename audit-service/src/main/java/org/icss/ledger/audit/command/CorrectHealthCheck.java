package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;

/**
 * A new result for a health check already recorded (DOMAIN.md rule 8).
 *
 * @param correctionId unique per correction (the web layer generates it), so each correction has its own event id
 * @param passed       the corrected result
 * @param reason       why the member body corrects the check; required
 */
public record CorrectHealthCheck(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String healthCheckId,
        String correctionId,
        boolean passed,
        String reason,
        Instant recordedAt) {
}
