package org.icss.ledger.audit.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.platform.Rejected;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An organisation as its certifying member body reports it: registration, audits and health checks. Reports are
 * recorded as given; what they mean for the certificate is certification-service's business.
 */
@Aggregate
public class Organisation {

    @AggregateIdentifier
    private OrganisationId organisationId;
    private MemberBody memberBody;
    private final Set<String> auditIds = new HashSet<>();
    private final Set<String> healthCheckIds = new HashSet<>();

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

    @CommandHandler
    public void handle(ScoreAudit command) {
        if (auditIds.contains(command.auditId())) {
            throw Rejected.conflict("duplicate-audit", "Audit already recorded",
                    "Audit " + command.auditId() + " is already recorded for " + organisationId);
        }
        Map<String, String> problems = command.standard().problemsWith(command.scores());
        if (!problems.isEmpty()) {
            throw Rejected.invalid("The scores do not fit " + command.standard().version(), problems);
        }
        apply(new AuditScored(organisationId, EventIds.of(AuditScored.class, organisationId.value(),
                command.auditId()), command.auditedOn(), command.recordedAt(), memberBody, command.auditId(),
                command.standard().version(), command.auditType(), command.auditor(), command.scores()));
    }

    @CommandHandler
    public void handle(RecordHealthCheck command) {
        if (healthCheckIds.contains(command.healthCheckId())) {
            throw Rejected.conflict("duplicate-health-check", "Health check already recorded",
                    "Health check " + command.healthCheckId() + " is already recorded for " + organisationId);
        }
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

    @EventSourcingHandler
    void on(OrganisationRegistered event) {
        organisationId = event.organisationId();
        memberBody = event.memberBody();
    }

    @EventSourcingHandler
    void on(AuditScored event) {
        auditIds.add(event.auditId());
    }

    @EventSourcingHandler
    void on(HealthCheckPassed event) {
        healthCheckIds.add(event.healthCheckId());
    }

    @EventSourcingHandler
    void on(HealthCheckFailed event) {
        healthCheckIds.add(event.healthCheckId());
    }
}
