package org.icss.ledger.audit.web;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.icss.ledger.audit.command.AuditAcceptancePolicy;
import org.icss.ledger.audit.command.CorrectAudit;
import org.icss.ledger.audit.command.CorrectHealthCheck;
import org.icss.ledger.audit.command.RecordHealthCheck;
import org.icss.ledger.audit.command.RegisterOrganisation;
import org.icss.ledger.audit.command.ScoreAudit;
import org.icss.ledger.audit.command.WithdrawAudit;
import org.icss.ledger.audit.command.WithdrawHealthCheck;
import org.icss.ledger.audit.query.registrations.OrganisationRegistrations;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.platform.positions.EventPositions;
import org.icss.ledger.platform.security.MemberBodyAccess;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a member body's report becomes once its body has been read and validated: the checks the request's own fields
 * need beyond their annotations, and the command. The one place for both, used by the single endpoints
 * ({@link OrganisationController}, {@link CorrectionController}) and by the bulk import
 * ({@link org.icss.ledger.audit.web.imports.ImportLines}),
 * so a line of an import is decided exactly as the same report posted alone. Each method sends its command on the
 * calling thread: its unit of work joins a transaction the caller has open (the import's batch), or runs in its own.
 * A refusal is thrown as {@link Rejected} (or the command's failure) and records nothing.
 */
@Component
public class ReportCommands {

    private final CommandGateway commands;
    private final StandardsCatalogue catalogue;
    private final OrganisationRegistrations registrations;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final EventPositions positions;

    public ReportCommands(CommandGateway commands, StandardsCatalogue catalogue,
                          OrganisationRegistrations registrations, PlatformTransactionManager transactionManager,
                          Clock clock, EventPositions positions) {
        this.positions = positions;
        this.commands = commands;
        this.catalogue = catalogue;
        this.registrations = registrations;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    public record Registered(String organisationId, String position) {
    }

    public record AuditRecorded(String organisationId, String auditId, String position) {
    }

    public record HealthCheckRecorded(String organisationId, String healthCheckId, String position) {
    }

    public record AuditCorrectionRecorded(String organisationId, String auditId, String correctionId,
                                          String position) {
    }

    public record AuditWithdrawalRecorded(String organisationId, String auditId, String position) {
    }

    public record HealthCheckCorrectionRecorded(String organisationId, String healthCheckId, String correctionId,
                                                String position) {
    }

    public record HealthCheckWithdrawalRecorded(String organisationId, String healthCheckId, String position) {
    }

    /**
     * Registers an organisation for the key's member body ({@code memberBody} may be left out; another member body's
     * is a 403). The registration row (ownership, and the unique name and country per member body: 409 for a
     * duplicate) and the event are written in one transaction (the caller's, if it has one open).
     */
    public Registered register(RegisterOrganisationRequest request) {
        MemberBody caller = MemberBodyAccess.callerMemberBody();
        if (request.memberBody() != null && request.memberBody() != caller) {
            throw Rejected.forbidden("A " + caller + " key registers organisations for " + caller + " only, not for "
                    + request.memberBody() + "; nothing was recorded.");
        }
        LocalDate today = LocalDate.now(clock);
        LocalDate registeredOn = request.registeredOn() == null ? today : request.registeredOn();
        requireNotFuture("registeredOn", registeredOn, today);
        OrganisationId id = OrganisationId.random();
        String name = request.name().strip();
        String position = positions.positionOf(() -> transaction.executeWithoutResult(status -> {
            registrations.record(id, caller, name, request.country());
            commands.sendAndWait(new RegisterOrganisation(id, caller, name, request.country(), registeredOn,
                    Instant.now(clock)));
        }));
        return new Registered(id.value(), position);
    }

    /**
     * Records an audit whose version is accepted on its date ({@link AuditAcceptancePolicy}, DOMAIN.md rule 1) and
     * whose scores fit that version. The request's own fields are checked here, the version's window with them;
     * whether the organisation holds a certificate of the version that day is the organisation's to decide, from
     * its own reports, when it handles the command.
     */
    public AuditRecorded scoreAudit(String organisationId, ScoreAuditRequest request) {
        Map<String, String> problems = new LinkedHashMap<>();
        // whether the refusal rests on today's date, which changes (rule 1's certificate is the aggregate's to decide)
        boolean dependsOnState = false;
        Standard standard = catalogue.find(request.standardVersion()).orElse(null);
        if (standard == null) {
            problems.put("standardVersion", "unknown standard version " + request.standardVersion()
                    + "; known: " + catalogue.all().stream().map(s -> s.version().code()).toList());
        } else {
            problems.putAll(AuditAcceptancePolicy.windowProblems(standard, request.auditedOn()));
            standard.problemsWith(request.scores()).forEach((code, problem) -> problems.put("scores." + code,
                    problem));
            if (request.expectedScores() != null) {
                standard.problemsWithExpected(request.expectedScores()).forEach((code, problem) -> problems.put(
                        "expectedScores." + code, problem));
            }
        }
        if (request.auditedOn().isAfter(LocalDate.now(clock))) {
            problems.put("auditedOn", "is in the future");
            dependsOnState = true;
        }
        if (!problems.isEmpty()) {
            Rejected rejected = Rejected.invalid("The audit was not recorded.", problems);
            throw dependsOnState ? rejected.provisional() : rejected;
        }
        String auditId = request.auditId() == null ? UUID.randomUUID().toString() : request.auditId();
        String position = positions.positionOf(() -> commands.sendAndWait(
                new ScoreAudit(new OrganisationId(organisationId), auditId, standard,
                    request.auditType(), request.auditedOn(), request.auditor().strip(), request.scores(),
                    request.expectedScores(), Instant.now(clock))));
        return new AuditRecorded(organisationId, auditId, position);
    }

    public HealthCheckRecorded recordHealthCheck(String organisationId, HealthCheckRequest request) {
        requireNotFuture("checkedOn", request.checkedOn(), LocalDate.now(clock));
        boolean passed = request.result() == HealthCheckRequest.Result.PASSED;
        if (!passed && (request.reason() == null || request.reason().isBlank())) {
            throw Rejected.invalid("The health check was not recorded.",
                    Map.of("reason", "is required when the check failed"));
        }
        String checkId = request.healthCheckId() == null ? UUID.randomUUID().toString() : request.healthCheckId();
        String position = positions.positionOf(() -> commands.sendAndWait(
                new RecordHealthCheck(new OrganisationId(organisationId), checkId,
                    request.checkedOn(), passed, request.reason(), Instant.now(clock))));
        return new HealthCheckRecorded(organisationId, checkId, position);
    }

    public AuditCorrectionRecorded correctAudit(String organisationId, String auditId,
                                                AuditCorrectionRequest request) {
        String correctionId = UUID.randomUUID().toString();
        String position = positions.positionOf(() -> commands.sendAndWait(
                new CorrectAudit(new OrganisationId(organisationId), auditId, correctionId,
                    request.scores(), request.reason(), Instant.now(clock))));
        return new AuditCorrectionRecorded(organisationId, auditId, correctionId, position);
    }

    public AuditWithdrawalRecorded withdrawAudit(String organisationId, String auditId, WithdrawalRequest request) {
        String position = positions.positionOf(() -> commands.sendAndWait(
                new WithdrawAudit(new OrganisationId(organisationId), auditId, request.reason(),
                    Instant.now(clock))));
        return new AuditWithdrawalRecorded(organisationId, auditId, position);
    }

    public HealthCheckCorrectionRecorded correctHealthCheck(String organisationId, String healthCheckId,
                                                            HealthCheckCorrectionRequest request) {
        String correctionId = UUID.randomUUID().toString();
        String position = positions.positionOf(() -> commands.sendAndWait(
                new CorrectHealthCheck(new OrganisationId(organisationId), healthCheckId, correctionId,
                    request.result() == HealthCheckRequest.Result.PASSED, request.reason(), Instant.now(clock))));
        return new HealthCheckCorrectionRecorded(organisationId, healthCheckId, correctionId, position);
    }

    public HealthCheckWithdrawalRecorded withdrawHealthCheck(String organisationId, String healthCheckId,
                                                             WithdrawalRequest request) {
        String position = positions.positionOf(() -> commands.sendAndWait(
                new WithdrawHealthCheck(new OrganisationId(organisationId), healthCheckId,
                    request.reason(), Instant.now(clock))));
        return new HealthCheckWithdrawalRecorded(organisationId, healthCheckId, position);
    }

    private static void requireNotFuture(String field, LocalDate date, LocalDate today) {
        if (date.isAfter(today)) {
            // provisional: a date in the future now is not tomorrow
            throw Rejected.invalid("Nothing was recorded.", Map.of(field, "is in the future")).provisional();
        }
    }
}
