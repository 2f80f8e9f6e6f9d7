package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;

/**
 * The member body withdraws an audit already recorded: it no longer counts (DOMAIN.md rule 8). Final: a withdrawn
 * audit is neither corrected nor withdrawn again.
 *
 * @param reason why the audit is withdrawn; required
 */
public record WithdrawAudit(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String auditId,
        String reason,
        Instant recordedAt) {
}
