package org.icss.ledger.events;

/**
 * One method per event of the published language: {@link LedgerEvent#accept} calls the one for its type. A handler
 * that implements this handles every event, and a new event type fails to compile in each handler until it says
 * what it does with it (Java 17 has no pattern-matching switch over the sealed {@link LedgerEvent}; this is its
 * checked equivalent). No default methods, on purpose.
 *
 * @param <R> what the handler makes of an event
 */
public interface LedgerEventVisitor<R> {

    // audit-service
    R visit(OrganisationRegistered event);

    R visit(AuditScored event);

    R visit(AuditCorrected event);

    R visit(AuditWithdrawn event);

    R visit(HealthCheckPassed event);

    R visit(HealthCheckFailed event);

    R visit(HealthCheckCorrected event);

    R visit(HealthCheckWithdrawn event);

    // certification-service
    R visit(GoldAwarded event);

    R visit(CertificationGranted event);

    R visit(CertificationSuspended event);

    R visit(CertificationReinstated event);

    R visit(CertificationWithdrawn event);

    R visit(CertificationExpired event);

    R visit(CertificateSuperseded event);

    R visit(CertificationChangeRevoked event);

    R visit(ProfessionalCertified event);

    R visit(EmploymentStarted event);

    R visit(EmploymentEnded event);

    // awards-service
    R visit(AwardWon event);
}
