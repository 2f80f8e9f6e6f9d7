package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.icss.ledger.certification.command.ReportEvents.AuditDropped;
import org.icss.ledger.certification.command.ReportEvents.AuditReceived;
import org.icss.ledger.certification.command.ReportEvents.AuditScoresCorrected;
import org.icss.ledger.certification.command.ReportEvents.HealthCheckDropped;
import org.icss.ledger.certification.command.ReportEvents.HealthCheckReceived;
import org.icss.ledger.certification.command.ReportEvents.HealthCheckResultCorrected;
import org.icss.ledger.certification.command.Reports.AdvanceCertification;
import org.icss.ledger.certification.command.Reports.CorrectAudit;
import org.icss.ledger.certification.command.Reports.CorrectHealthCheck;
import org.icss.ledger.certification.command.Reports.RecordAudit;
import org.icss.ledger.certification.command.Reports.RecordHealthCheck;
import org.icss.ledger.certification.command.Reports.WithdrawAudit;
import org.icss.ledger.certification.command.Reports.WithdrawHealthCheck;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import org.icss.ledger.rules.LifecyclePolicy;
import org.icss.ledger.rules.Change;
import org.icss.ledger.rules.CertificationRules;
import org.icss.ledger.rules.AuditReport;
import org.icss.ledger.rules.HealthCheckReport;

/**
 * One organisation's certification. It keeps the reports it was given (audits, health checks, their corrections)
 * and the changes it has announced; on every command it recomputes the timeline with {@link LifecyclePolicy} up to
 * the later of the command's date and the date it has reached, and announces only the difference: new changes, and
 * a {@link CertificationChangeRevoked} for each announced change that no longer holds. Due dates are derived from
 * the reports, so nothing is lost on a restart and nothing is announced twice; a late report plays out in
 * business-date order.
 */
@Revision("1")
@Aggregate(cache = "certificationCache", snapshotTriggerDefinition = "ledgerSnapshotTrigger")
public class Certification {

    @AggregateIdentifier
    private OrganisationId organisationId;
    private final Map<String, AuditReport> audits = new LinkedHashMap<>();
    private final Map<String, HealthCheckReport> checks = new LinkedHashMap<>();
    private long received;
    /** announced changes that still hold, with the id of the event that announced each */
    private final Map<Change, UUID> announced = new LinkedHashMap<>();
    private final Map<UUID, Change> announcedById = new HashMap<>();
    private final Map<Change, Integer> emissions = new HashMap<>();
    private final Set<String> dropped = new HashSet<>();
    private LocalDate reached = LocalDate.MIN;

    protected Certification() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordAudit command, CertificationRules rules) {
        if (audits.containsKey(command.auditId()) || dropped.contains("audit:" + command.auditId())) {
            return; // the same audit again: already recorded
        }
        apply(new AuditReceived(command.organisationId(), new AuditReport(command.auditId(), command.auditedOn(),
                command.standard(), command.type(), command.scores(), received)));
        advance(command.auditedOn(), command.recordedAt(), rules);
    }

    @CommandHandler
    public void handle(CorrectAudit command, CertificationRules rules) {
        AuditReport audit = audits.get(command.auditId());
        if (audit == null || audit.scores().equals(Map.copyOf(command.scores()))) {
            return; // unknown here (an audit that could award nothing needs no correction) or already applied
        }
        apply(new AuditScoresCorrected(command.organisationId(), command.auditId(), command.scores()));
        advance(audit.auditedOn(), command.recordedAt(), rules);
    }

    @CommandHandler
    public void handle(WithdrawAudit command, CertificationRules rules) {
        AuditReport audit = audits.get(command.auditId());
        if (audit == null) {
            return;
        }
        apply(new AuditDropped(command.organisationId(), command.auditId()));
        advance(audit.auditedOn(), command.recordedAt(), rules);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordHealthCheck command, CertificationRules rules) {
        if (checks.containsKey(command.healthCheckId()) || dropped.contains("check:" + command.healthCheckId())) {
            return;
        }
        apply(new HealthCheckReceived(command.organisationId(), new HealthCheckReport(command.healthCheckId(),
                command.checkedOn(), command.passed(), received)));
        advance(command.checkedOn(), command.recordedAt(), rules);
    }

    @CommandHandler
    public void handle(CorrectHealthCheck command, CertificationRules rules) {
        HealthCheckReport check = checks.get(command.healthCheckId());
        if (check == null || check.passed() == command.passed()) {
            return;
        }
        apply(new HealthCheckResultCorrected(command.organisationId(), command.healthCheckId(), command.passed()));
        advance(check.checkedOn(), command.recordedAt(), rules);
    }

    @CommandHandler
    public void handle(WithdrawHealthCheck command, CertificationRules rules) {
        HealthCheckReport check = checks.get(command.healthCheckId());
        if (check == null) {
            return;
        }
        apply(new HealthCheckDropped(command.organisationId(), command.healthCheckId()));
        advance(check.checkedOn(), command.recordedAt(), rules);
    }

    @CommandHandler
    public void handle(AdvanceCertification command, CertificationRules rules) {
        advance(command.through(), command.recordedAt(), rules);
    }

    /** Recomputes the timeline and announces the difference from what was announced before. */
    private void advance(LocalDate date, Instant recordedAt, CertificationRules rules) {
        LocalDate through = date.isAfter(reached) ? date : reached;
        List<Change> timeline = LifecyclePolicy.timeline(organisationId, audits.values(), checks.values(), through,
                rules);
        Set<Change> holding = new HashSet<>(timeline);
        for (Map.Entry<Change, UUID> entry : new ArrayList<>(announced.entrySet())) {
            Change change = entry.getKey();
            if (!holding.contains(change)) {
                UUID revokedId = entry.getValue();
                apply(new CertificationChangeRevoked(organisationId,
                        EventIds.of(CertificationChangeRevoked.class, organisationId.value(), revokedId.toString()),
                        change.on(), recordedAt, change.certificate(), revokedId,
                        ChangeEvents.eventType(change).getSimpleName()));
            }
        }
        for (Change change : timeline) {
            if (!announced.containsKey(change)) {
                apply(ChangeEvents.announce(organisationId, change, emissions.getOrDefault(change, 0), recordedAt));
            }
        }
    }

    @EventSourcingHandler
    void on(AuditReceived event) {
        organisationId = event.organisationId();
        audits.put(event.report().auditId(), event.report());
        received++;
        reach(event.report().auditedOn());
    }

    @EventSourcingHandler
    void on(AuditScoresCorrected event) {
        audits.computeIfPresent(event.auditId(), (id, audit) -> audit.withScores(event.scores()));
    }

    @EventSourcingHandler
    void on(AuditDropped event) {
        audits.remove(event.auditId());
        dropped.add("audit:" + event.auditId());
    }

    @EventSourcingHandler
    void on(HealthCheckReceived event) {
        organisationId = event.organisationId();
        checks.put(event.report().healthCheckId(), event.report());
        received++;
        reach(event.report().checkedOn());
    }

    @EventSourcingHandler
    void on(HealthCheckResultCorrected event) {
        checks.computeIfPresent(event.healthCheckId(), (id, check) -> check.withResult(event.passed()));
    }

    @EventSourcingHandler
    void on(HealthCheckDropped event) {
        checks.remove(event.healthCheckId());
        dropped.add("check:" + event.healthCheckId());
    }

    @EventSourcingHandler
    void on(OrganisationEvent event) {
        ChangeEvents.changeOf(event).ifPresent(change -> {
            announced.put(change, event.eventId());
            announcedById.put(event.eventId(), change);
            emissions.merge(change, 1, Integer::sum);
            reach(change.on());
        });
    }

    @EventSourcingHandler
    void on(CertificationChangeRevoked event) {
        Change change = announcedById.remove(event.revokedEventId());
        if (change != null) {
            announced.remove(change);
        }
    }

    private void reach(LocalDate date) {
        if (date.isAfter(reached)) {
            reached = date;
        }
    }
}
