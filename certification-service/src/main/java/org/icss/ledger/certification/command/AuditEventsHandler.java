package org.icss.ledger.certification.command;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.icss.ledger.certification.command.Reports.CorrectAudit;
import org.icss.ledger.certification.command.Reports.CorrectHealthCheck;
import org.icss.ledger.certification.command.Reports.RecordAudit;
import org.icss.ledger.certification.command.Reports.RecordHealthCheck;
import org.icss.ledger.certification.command.Reports.WithdrawAudit;
import org.icss.ledger.certification.command.Reports.WithdrawHealthCheck;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.platform.KnownOrganisations;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Reads audit-service's topic (tracking processor {@value #GROUP}, token in this service's database) and hands
 * each report to the organisation's certification, once: a redelivered event id is skipped, and the id is recorded
 * in the same transaction as the events the command applies. Organisations with reports are remembered in
 * {@code certification_organisation} with the time of their last report, which the daily advance walks.
 */
@Component
@ProcessingGroup(AuditEventsHandler.GROUP)
public class AuditEventsHandler {

    public static final String GROUP = "audit-events";

    private final CommandGateway commands;
    private final ProcessedEvents processed;
    private final JdbcTemplate jdbc;
    private final KnownOrganisations organisations;
    private final Clock clock;

    public AuditEventsHandler(CommandGateway commands, ProcessedEvents processed, JdbcTemplate jdbc,
                              KnownOrganisations organisations, Clock clock) {
        this.commands = commands;
        this.processed = processed;
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.clock = clock;
    }

    @EventHandler
    void on(OrganisationRegistered registered) {
        if (processed.firstDelivery(GROUP, registered.eventId())) {
            organisations.record(registered);
        }
    }

    @EventHandler
    void on(AuditScored audit) {
        if (firstDelivery(audit)) {
            commands.sendAndWait(new RecordAudit(audit.organisationId(), audit.auditId(), audit.effectiveOn(),
                    audit.standardVersion(), audit.auditType(), audit.scores(), now()));
        }
    }

    @EventHandler
    void on(AuditCorrected correction) {
        if (firstDelivery(correction)) {
            sendIfKnown(correction.organisationId(), new CorrectAudit(correction.organisationId(),
                    correction.auditId(), correction.scores(), now()));
        }
    }

    @EventHandler
    void on(AuditWithdrawn withdrawal) {
        if (firstDelivery(withdrawal)) {
            sendIfKnown(withdrawal.organisationId(), new WithdrawAudit(withdrawal.organisationId(),
                    withdrawal.auditId(), now()));
        }
    }

    @EventHandler
    void on(HealthCheckPassed check) {
        if (firstDelivery(check)) {
            commands.sendAndWait(new RecordHealthCheck(check.organisationId(), check.healthCheckId(),
                    check.effectiveOn(), true, now()));
        }
    }

    @EventHandler
    void on(HealthCheckFailed check) {
        if (firstDelivery(check)) {
            commands.sendAndWait(new RecordHealthCheck(check.organisationId(), check.healthCheckId(),
                    check.effectiveOn(), false, now()));
        }
    }

    @EventHandler
    void on(HealthCheckCorrected correction) {
        if (firstDelivery(correction)) {
            sendIfKnown(correction.organisationId(), new CorrectHealthCheck(correction.organisationId(),
                    correction.healthCheckId(), correction.passed(), now()));
        }
    }

    @EventHandler
    void on(HealthCheckWithdrawn withdrawal) {
        if (firstDelivery(withdrawal)) {
            sendIfKnown(withdrawal.organisationId(), new WithdrawHealthCheck(withdrawal.organisationId(),
                    withdrawal.healthCheckId(), now()));
        }
    }

    /**
     * True the first time this consumer sees the event; then also notes that the organisation received a report
     * now, for the daily advance and its quiet period.
     */
    private boolean firstDelivery(OrganisationEvent event) {
        if (!processed.firstDelivery(GROUP, event.eventId())) {
            return false;
        }
        jdbc.update("INSERT INTO certification_organisation (organisation_id, last_report_at) VALUES (?, ?) "
                        + "ON CONFLICT (organisation_id) DO UPDATE SET last_report_at = EXCLUDED.last_report_at",
                event.organisationId().value(), Timestamp.from(now()));
        return true;
    }

    /** A correction of a report certification never received (none of the organisation's) changes nothing. */
    private void sendIfKnown(OrganisationId organisation, Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            // nothing to correct: the organisation has no certification record
        }
    }

    private Instant now() {
        return Instant.now(clock);
    }
}
