package org.icss.ledger.certification.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;

/** An audit reported by audit-service, handed to the organisation's certification. */
public record RecordAudit(@TargetAggregateIdentifier OrganisationId organisationId, AuditScored audit,
                          Instant recordedAt) {
}
