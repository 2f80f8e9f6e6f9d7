package org.icss.ledger.audit.query.readback;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.LedgerEventVisitor;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a member body posted about an organisation, read back: the registration, each audit with its scores as
 * corrected, each health check, and every correction and withdrawal, as audit-service recorded them. Read from the
 * organisation's own event stream (the Organisation aggregate's), so it is exactly what was recorded, at once.
 */
@Component
public class PostedReports {

    private final EventStore events;

    public PostedReports(EventStore events) {
        this.events = events;
    }

    public record Registration(String organisationId, String name, String country, MemberBody memberBody,
                               LocalDate registeredOn, Instant recordedAt) {
    }

    /** An audit: {@code scores} as corrected last, {@code originalScores} as first posted; WITHDRAWN once withdrawn. */
    public record Audit(String auditId, AuditType auditType, String standardVersion, LocalDate auditedOn,
                        String auditor, Map<String, Integer> scores, Map<String, Integer> originalScores,
                        Map<String, Integer> expectedScores, String state, List<String> correctionIds,
                        Instant recordedAt) {
    }

    public record HealthCheck(String healthCheckId, LocalDate checkedOn, boolean passed, String reason, String state,
                              List<String> correctionIds, Instant recordedAt) {
    }

    /** A correction or withdrawal of an audit or a health check. */
    public record Correction(String kind, String subjectId, String correctionId, LocalDate effectiveOn,
                             String reason, Instant recordedAt) {
    }

    public record Posted(Registration registration, List<Audit> audits, List<HealthCheck> healthChecks,
                         List<Correction> corrections) {
    }

    /** Everything posted about {@code organisationId}; empty when audit-service has no such organisation. */
    public Optional<Posted> of(String organisationId) {
        Reader reader = new Reader();
        events.readEvents(organisationId).asStream().map(DomainEventMessage::getPayload)
                .filter(LedgerEvent.class::isInstance).map(LedgerEvent.class::cast)
                .forEach(event -> event.accept(reader));
        return Optional.ofNullable(reader.registration).map(registration -> new Posted(registration,
                List.copyOf(reader.audits.values()), List.copyOf(reader.checks.values()),
                List.copyOf(reader.corrections)));
    }

    /** Folds an organisation's stream; a new event type does not compile until it says what it shows. */
    private static final class Reader implements LedgerEventVisitor<Void> {

        private Registration registration;
        private final Map<String, Audit> audits = new LinkedHashMap<>();
        private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
        private final List<Correction> corrections = new ArrayList<>();

        @Override
        public Void visit(OrganisationRegistered e) {
            registration = new Registration(e.organisationId().value(), e.name(), e.country(), e.memberBody(),
                    e.effectiveOn(), e.recordedAt());
            return null;
        }

        @Override
        public Void visit(AuditScored e) {
            audits.put(e.auditId(), new Audit(e.auditId(), e.auditType(), e.standardVersion().code(),
                    e.effectiveOn(), e.auditor(), e.scores(), e.scores(),
                    e.expectedScores() == null ? Map.of() : e.expectedScores(), "RECORDED", List.of(),
                    e.recordedAt()));
            return null;
        }

        @Override
        public Void visit(AuditCorrected e) {
            corrections.add(new Correction("AUDIT_CORRECTED", e.auditId(), e.correctionId(), e.effectiveOn(),
                    e.reason(), e.recordedAt()));
            audit(e.auditId(), a -> new Audit(a.auditId(), a.auditType(), a.standardVersion(), a.auditedOn(),
                    a.auditor(), e.scores(), a.originalScores(), a.expectedScores(), a.state(),
                    with(a.correctionIds(), e.correctionId()), a.recordedAt()));
            return null;
        }

        @Override
        public Void visit(AuditWithdrawn e) {
            corrections.add(new Correction("AUDIT_WITHDRAWN", e.auditId(), null, e.effectiveOn(), e.reason(),
                    e.recordedAt()));
            audit(e.auditId(), a -> new Audit(a.auditId(), a.auditType(), a.standardVersion(), a.auditedOn(),
                    a.auditor(), a.scores(), a.originalScores(), a.expectedScores(), "WITHDRAWN",
                    a.correctionIds(), a.recordedAt()));
            return null;
        }

        @Override
        public Void visit(HealthCheckPassed e) {
            checks.put(e.healthCheckId(), new HealthCheck(e.healthCheckId(), e.effectiveOn(), true, null,
                    "RECORDED", List.of(), e.recordedAt()));
            return null;
        }

        @Override
        public Void visit(HealthCheckFailed e) {
            checks.put(e.healthCheckId(), new HealthCheck(e.healthCheckId(), e.effectiveOn(), false, e.reason(),
                    "RECORDED", List.of(), e.recordedAt()));
            return null;
        }

        @Override
        public Void visit(HealthCheckCorrected e) {
            corrections.add(new Correction("HEALTH_CHECK_CORRECTED", e.healthCheckId(), e.correctionId(),
                    e.effectiveOn(), e.reason(), e.recordedAt()));
            check(e.healthCheckId(), c -> new HealthCheck(c.healthCheckId(), c.checkedOn(), e.passed(),
                    e.passed() ? null : e.reason(), c.state(), with(c.correctionIds(), e.correctionId()),
                    c.recordedAt()));
            return null;
        }

        @Override
        public Void visit(HealthCheckWithdrawn e) {
            corrections.add(new Correction("HEALTH_CHECK_WITHDRAWN", e.healthCheckId(), null, e.effectiveOn(),
                    e.reason(), e.recordedAt()));
            check(e.healthCheckId(), c -> new HealthCheck(c.healthCheckId(), c.checkedOn(), c.passed(), c.reason(),
                    "WITHDRAWN", c.correctionIds(), c.recordedAt()));
            return null;
        }

        private void audit(String auditId, UnaryOperator<Audit> change) {
            audits.computeIfPresent(auditId, (id, audit) -> change.apply(audit));
        }

        private void check(String healthCheckId, UnaryOperator<HealthCheck> change) {
            checks.computeIfPresent(healthCheckId, (id, check) -> change.apply(check));
        }

        private static List<String> with(List<String> ids, String id) {
            List<String> all = new ArrayList<>(ids);
            all.add(id);
            return List.copyOf(all);
        }

        // certification-service's, awards-service's and professionals' events are never in an organisation's
        // stream at audit-service

        @Override
        public Void visit(GoldAwarded e) {
            return null;
        }

        @Override
        public Void visit(CertificationGranted e) {
            return null;
        }

        @Override
        public Void visit(CertificationSuspended e) {
            return null;
        }

        @Override
        public Void visit(CertificationReinstated e) {
            return null;
        }

        @Override
        public Void visit(CertificationWithdrawn e) {
            return null;
        }

        @Override
        public Void visit(CertificationExpired e) {
            return null;
        }

        @Override
        public Void visit(CertificateSuperseded e) {
            return null;
        }

        @Override
        public Void visit(CertificationChangeRevoked e) {
            return null;
        }

        @Override
        public Void visit(ProfessionalCertified e) {
            return null;
        }

        @Override
        public Void visit(EmploymentStarted e) {
            return null;
        }

        @Override
        public Void visit(EmploymentEnded e) {
            return null;
        }

        @Override
        public Void visit(AwardWon e) {
            return null;
        }
    }
}
