package org.icss.ledger.certification.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * The commands that hand an organisation's certification the reports audit-service recorded, and the daily
 * advance. Every command carries the instant it is handled ({@code recordedAt}), stamped on the changes it causes.
 */
public final class Reports {

    private Reports() {
    }

    public record RecordAudit(@TargetAggregateIdentifier OrganisationId organisationId, String auditId,
                              LocalDate auditedOn, StandardVersion standard, AuditType type,
                              Map<String, Integer> scores, Instant recordedAt) {
    }

    public record CorrectAudit(@TargetAggregateIdentifier OrganisationId organisationId, String auditId,
                               Map<String, Integer> scores, Instant recordedAt) {
    }

    public record WithdrawAudit(@TargetAggregateIdentifier OrganisationId organisationId, String auditId,
                                Instant recordedAt) {
    }

    public record RecordHealthCheck(@TargetAggregateIdentifier OrganisationId organisationId, String healthCheckId,
                                    LocalDate checkedOn, boolean passed, Instant recordedAt) {
    }

    public record CorrectHealthCheck(@TargetAggregateIdentifier OrganisationId organisationId,
                                     String healthCheckId, boolean passed, Instant recordedAt) {
    }

    public record WithdrawHealthCheck(@TargetAggregateIdentifier OrganisationId organisationId,
                                      String healthCheckId, Instant recordedAt) {
    }

    /** Announce every change due on or before {@code through} (the scheduler passes yesterday). */
    public record AdvanceCertification(@TargetAggregateIdentifier OrganisationId organisationId, LocalDate through,
                                       Instant recordedAt) {
    }
}
