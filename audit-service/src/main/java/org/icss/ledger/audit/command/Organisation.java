package org.icss.ledger.audit.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.ProblemType;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.rules.AuditReport;
import org.icss.ledger.rules.CertificateTimeline;
import org.icss.ledger.rules.CertificationRules;
import org.icss.ledger.rules.HealthCheckReport;
import org.icss.ledger.rules.LifecyclePolicy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An organisation as its certifying member body reports it: registration, audits and health checks, and the
 * corrections and withdrawals of those reports. Reports are recorded as given; what they mean for the certificate
 * is certification-service's business.
 * <p>
 * A correction or withdrawal is a new event; the original report stays in the stream (DOMAIN.md rule 8 and "two
 * clocks"). To check them the organisation remembers, from its own events, each audit's date, standard version and
 * whether it was withdrawn, and each health check's date and whether it was withdrawn.
 * <p>
 * Rule 1 (which version an audit may be scored against on its date) needs to know whether the organisation holds a
 * certificate of that version on that day. The organisation owns the reports that decide it, so it keeps them (as
 * corrected, without the withdrawn ones) and plays them with the shared timeline ({@link LifecyclePolicy}, the
 * function certification-service announces its changes from): no lag behind certification-service, and no second
 * reading of the lifecycle.
 */
@Revision("1")
@Aggregate(cache = "organisationCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
public class Organisation {

    private static final String CORRECTION_NOT_RECORDED = "The correction was not recorded.";
    private static final String WITHDRAWAL_NOT_RECORDED = "The withdrawal was not recorded.";

    @AggregateIdentifier
    private OrganisationId organisationId;
    private MemberBody memberBody;
    /** The business date of the registration: no audit or health check is dated before it. */
    private LocalDate registeredOn;
    private final Map<String, ReportedAudit> audits = new HashMap<>();
    private final Map<String, ReportedHealthCheck> healthChecks = new HashMap<>();
    private final Set<String> correctionIds = new HashSet<>();
    /** the reports that count for the certificate timeline: corrected, withdrawn ones left out, in received order */
    private final Map<String, AuditReport> auditReports = new LinkedHashMap<>();
    private final Map<String, HealthCheckReport> checkReports = new LinkedHashMap<>();
    private long received;

    /** What the organisation needs to know of an audit to accept its correction or withdrawal. */
    private record ReportedAudit(LocalDate auditedOn, StandardVersion standardVersion, boolean withdrawn) {
    }

    /** What the organisation needs to know of a health check to accept its correction or withdrawal. */
    private record ReportedHealthCheck(LocalDate checkedOn, boolean withdrawn) {
    }

    protected Organisation() {
        // for Axon
    }

    @CommandHandler
    public Organisation(RegisterOrganisation command) {
        apply(new OrganisationRegistered(command.organisationId(),
                EventIds.of(OrganisationRegistered.class, command.organisationId().value()),
                command.registeredOn(), command.recordedAt(), command.memberBody(), command.name(),
                command.country()));
    }

    /**
     * Records an audit whose version is accepted on its date ({@link AuditAcceptancePolicy}, DOMAIN.md rule 1): in
     * the overlap, only when this organisation's own reports give it an ACTIVE or SUSPENDED certificate of the
     * version that day ({@link CertificateTimeline#holdsActiveOrSuspended}).
     *
     * @param catalogue the standards catalogue, to find the audited version's successor
     * @param rules     the shared lifecycle parameters ({@code icss.rules.*})
     */
    @CommandHandler
    public void handle(ScoreAudit command, StandardsCatalogue catalogue, CertificationRules rules) {
        // whether a refusal rests on the certificate the organisation holds: an earlier report posted later can
        // change that, so such a refusal is provisional (an Idempotency-Key does not keep it)
        boolean[] restsOnCertificate = {false};
        Map<String, String> refused = AuditAcceptancePolicy.problems(command.standard(), catalogue.all(),
                command.auditedOn(), () -> {
                    boolean held = CertificateTimeline.holdsActiveOrSuspended(
                            LifecyclePolicy.timeline(organisationId, auditReports.values(), checkReports.values(),
                                    command.auditedOn(), rules), command.standard().version(), command.auditedOn());
                    restsOnCertificate[0] |= !held;
                    return held;
                });
        if (!refused.isEmpty()) {
            Rejected rejected = Rejected.invalid("The audit was not recorded.", refused);
            throw restsOnCertificate[0] ? rejected.provisional() : rejected;
        }
        if (audits.containsKey(command.auditId())) {
            throw Rejected.conflict(ProblemType.DUPLICATE_AUDIT,
                    "Audit " + command.auditId() + " is already recorded for " + organisationId);
        }
        requireRegisteredBy("auditedOn", command.auditedOn(), "The audit was not recorded.");
        Map<String, String> problems = command.standard().problemsWith(command.scores());
        if (!problems.isEmpty()) {
            throw Rejected.invalid("The scores do not fit " + command.standard().version(), problems);
        }
        Map<String, String> expectedProblems = command.standard().problemsWithExpected(command.expectedScores());
        if (!expectedProblems.isEmpty()) {
            throw Rejected.invalid("The expected scores do not fit " + command.standard().version(),
                    expectedProblems);
        }
        apply(new AuditScored(organisationId, EventIds.of(AuditScored.class, organisationId.value(),
                command.auditId()), command.auditedOn(), command.recordedAt(), memberBody, command.auditId(),
                command.standard().version(), command.auditType(), command.auditor(), command.scores(),
                command.expectedScores()));
    }

    /**
     * Replaces an audit's scores from now on. The scores must fit the standard version the audit was scored
     * against, with the same checks as a new audit; each offending attribute is named {@code scores.<code>}.
     *
     * @param catalogue the standards catalogue (a Spring bean; Axon resolves it as a handler parameter)
     */
    @CommandHandler
    public void handle(CorrectAudit command, StandardsCatalogue catalogue) {
        ReportedAudit audit = openAudit(command.auditId(), "corrected");
        requireNewCorrection(command.correctionId());
        Standard standard = catalogue.find(audit.standardVersion()).orElseThrow(() -> new IllegalStateException(
                "audit " + command.auditId() + " was scored against " + audit.standardVersion()
                        + ", which the standards catalogue no longer lists"));
        Map<String, String> problems = new TreeMap<>();
        standard.problemsWith(command.scores()).forEach((code, problem) -> problems.put("scores." + code, problem));
        if (isBlank(command.reason())) {
            problems.put("reason", "is required");
        }
        if (!problems.isEmpty()) {
            throw Rejected.invalid(CORRECTION_NOT_RECORDED, problems);
        }
        apply(new AuditCorrected(organisationId, EventIds.of(AuditCorrected.class, organisationId.value(),
                command.auditId(), command.correctionId()), audit.auditedOn(), command.recordedAt(), memberBody,
                command.auditId(), command.correctionId(), command.scores(), command.reason().strip()));
    }

    /** Withdraws an audit: it no longer counts from now on. Only once: a withdrawn audit stays withdrawn. */
    @CommandHandler
    public void handle(WithdrawAudit command) {
        ReportedAudit audit = openAudit(command.auditId(), "withdrawn");
        requireReason(command.reason(), WITHDRAWAL_NOT_RECORDED);
        apply(new AuditWithdrawn(organisationId, EventIds.of(AuditWithdrawn.class, organisationId.value(),
                command.auditId()), audit.auditedOn(), command.recordedAt(), memberBody, command.auditId(),
                command.reason().strip()));
    }

    @CommandHandler
    public void handle(RecordHealthCheck command) {
        if (healthChecks.containsKey(command.healthCheckId())) {
            throw Rejected.conflict(ProblemType.DUPLICATE_HEALTH_CHECK,
                    "Health check " + command.healthCheckId() + " is already recorded for " + organisationId);
        }
        requireRegisteredBy("checkedOn", command.checkedOn(), "The health check was not recorded.");
        if (command.passed()) {
            apply(new HealthCheckPassed(organisationId, EventIds.of(HealthCheckPassed.class, organisationId.value(),
                    command.healthCheckId()), command.checkedOn(), command.recordedAt(), memberBody,
                    command.healthCheckId()));
        } else {
            apply(new HealthCheckFailed(organisationId, EventIds.of(HealthCheckFailed.class, organisationId.value(),
                    command.healthCheckId()), command.checkedOn(), command.recordedAt(), memberBody,
                    command.healthCheckId(), command.reason()));
        }
    }

    /** Replaces a health check's result from now on. */
    @CommandHandler
    public void handle(CorrectHealthCheck command) {
        ReportedHealthCheck check = openHealthCheck(command.healthCheckId(), "corrected");
        requireNewCorrection(command.correctionId());
        requireReason(command.reason(), CORRECTION_NOT_RECORDED);
        apply(new HealthCheckCorrected(organisationId, EventIds.of(HealthCheckCorrected.class,
                organisationId.value(), command.healthCheckId(), command.correctionId()), check.checkedOn(),
                command.recordedAt(), memberBody, command.healthCheckId(), command.correctionId(), command.passed(),
                command.reason().strip()));
    }

    /** Withdraws a health check: it no longer counts from now on. Only once. */
    @CommandHandler
    public void handle(WithdrawHealthCheck command) {
        ReportedHealthCheck check = openHealthCheck(command.healthCheckId(), "withdrawn");
        requireReason(command.reason(), WITHDRAWAL_NOT_RECORDED);
        apply(new HealthCheckWithdrawn(organisationId, EventIds.of(HealthCheckWithdrawn.class,
                organisationId.value(), command.healthCheckId()), check.checkedOn(), command.recordedAt(),
                memberBody, command.healthCheckId(), command.reason().strip()));
    }

    /** The audit, if recorded (else 404) and not withdrawn (else 409). */
    private ReportedAudit openAudit(String auditId, String change) {
        ReportedAudit audit = audits.get(auditId);
        if (audit == null) {
            throw Rejected.notFound("Audit", auditId + " of organisation " + organisationId);
        }
        if (audit.withdrawn()) {
            throw Rejected.conflict(ProblemType.AUDIT_WITHDRAWN,
                    "Audit " + auditId + " of organisation " + organisationId + " was withdrawn and cannot be "
                            + change);
        }
        return audit;
    }

    /** The health check, if recorded (else 404) and not withdrawn (else 409). */
    private ReportedHealthCheck openHealthCheck(String healthCheckId, String change) {
        ReportedHealthCheck check = healthChecks.get(healthCheckId);
        if (check == null) {
            throw Rejected.notFound("Health check", healthCheckId + " of organisation " + organisationId);
        }
        if (check.withdrawn()) {
            throw Rejected.conflict(ProblemType.HEALTH_CHECK_WITHDRAWN,
                    "Health check " + healthCheckId + " of organisation " + organisationId
                            + " was withdrawn and cannot be " + change);
        }
        return check;
    }

    /** A correction id names one correction; a second use would give two events the same id. */
    private void requireNewCorrection(String correctionId) {
        if (correctionIds.contains(correctionId)) {
            throw Rejected.conflict(ProblemType.DUPLICATE_CORRECTION,
                    "Correction " + correctionId + " is already recorded for " + organisationId);
        }
    }

    private static void requireReason(String reason, String detail) {
        if (isBlank(reason)) {
            throw Rejected.invalid(detail, Map.of("reason", "is required"));
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** An audit or health check is about a registered organisation: not dated before its registration. */
    private void requireRegisteredBy(String field, LocalDate date, String detail) {
        if (registeredOn != null && date.isBefore(registeredOn)) {
            throw Rejected.invalid(detail, java.util.Map.of(field, "is before the organisation's registration on "
                    + registeredOn));
        }
    }

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        organisationId = event.organisationId();
        memberBody = event.memberBody();
        registeredOn = event.effectiveOn();
    }

    @EventSourcingHandler
    void on(AuditScored event) {
        audits.put(event.auditId(), new ReportedAudit(event.effectiveOn(), event.standardVersion(), false));
        auditReports.put(event.auditId(), new AuditReport(event.auditId(), event.effectiveOn(),
                event.standardVersion(), event.auditType(), event.scores(), received++));
    }

    @EventSourcingHandler
    void on(AuditCorrected event) {
        correctionIds.add(event.correctionId());
        auditReports.computeIfPresent(event.auditId(), (id, audit) -> audit.withScores(event.scores()));
    }

    @EventSourcingHandler
    void on(AuditWithdrawn event) {
        audits.computeIfPresent(event.auditId(),
                (id, audit) -> new ReportedAudit(audit.auditedOn(), audit.standardVersion(), true));
        auditReports.remove(event.auditId());
    }

    @EventSourcingHandler
    void on(HealthCheckPassed event) {
        healthChecks.put(event.healthCheckId(), new ReportedHealthCheck(event.effectiveOn(), false));
        checkReports.put(event.healthCheckId(), new HealthCheckReport(event.healthCheckId(), event.effectiveOn(),
                true, received++));
    }

    @EventSourcingHandler
    void on(HealthCheckFailed event) {
        healthChecks.put(event.healthCheckId(), new ReportedHealthCheck(event.effectiveOn(), false));
        checkReports.put(event.healthCheckId(), new HealthCheckReport(event.healthCheckId(), event.effectiveOn(),
                false, received++));
    }

    @EventSourcingHandler
    void on(HealthCheckCorrected event) {
        correctionIds.add(event.correctionId());
        checkReports.computeIfPresent(event.healthCheckId(), (id, check) -> check.withResult(event.passed()));
    }

    @EventSourcingHandler
    void on(HealthCheckWithdrawn event) {
        healthChecks.computeIfPresent(event.healthCheckId(),
                (id, check) -> new ReportedHealthCheck(check.checkedOn(), true));
        checkReports.remove(event.healthCheckId());
    }
}
