package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;

/**
 * The member body withdraws a health check already recorded: it no longer counts (DOMAIN.md rule 8). Final, like an
 * audit's withdrawal.
 *
 * @param reason why the check is withdrawn; required
 */
public record WithdrawHealthCheck(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String healthCheckId,
        String reason,
        Instant recordedAt) {
}
