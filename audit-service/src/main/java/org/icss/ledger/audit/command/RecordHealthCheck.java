package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;
import java.time.LocalDate;

/** A health check by the certifying body; {@code reason} is given when it did not pass. */
public record RecordHealthCheck(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String healthCheckId,
        LocalDate checkedOn,
        boolean passed,
        String reason,
        Instant recordedAt) {
}
