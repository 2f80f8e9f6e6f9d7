package org.icss.ledger.events;

/** An event about one organisation; keyed by the organisation, so one organisation's events stay in order. */
public sealed interface OrganisationEvent extends LedgerEvent permits OrganisationRegistered, AuditScored,
        AuditCorrected, AuditWithdrawn, HealthCheckPassed, HealthCheckFailed, HealthCheckCorrected, HealthCheckWithdrawn,
        GoldAwarded, CertificationGranted, CertificationSuspended, CertificationReinstated, CertificationWithdrawn,
        CertificationExpired, CertificateSuperseded, CertificationChangeRevoked, EmploymentStarted, EmploymentEnded,
        AwardWon {

    OrganisationId organisationId();

    @Override
    default String partitionKey() {
        return organisationId().value();
    }
}
