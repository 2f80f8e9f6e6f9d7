package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;

/**
 * Projects the three services' topics into registry-query's tables. Each event is applied once: a redelivered
 * event id is skipped, and the id is recorded in the same transaction as the rows it writes.
 */
@Component
@ProcessingGroup(RegistryProjection.GROUP)
public class RegistryProjection {

    public static final String GROUP = "registry";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public RegistryProjection(JdbcTemplate jdbc, ProcessedEvents processed, ObjectMapper json) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.json = json;
    }

    @EventHandler
    void on(OrganisationRegistered event) {
        if (firstTime(event, "Registered by " + event.memberBody() + " as " + event.name() + " (" + event.country()
                + ")")) {
            jdbc.update("INSERT INTO organisation (organisation_id, name, country, member_body, registered_on) "
                            + "VALUES (?, ?, ?, ?, ?)", event.organisationId().value(), event.name(),
                    event.country(), event.memberBody().name(), Date.valueOf(event.effectiveOn()));
        }
    }

    @EventHandler
    void on(AuditScored event) {
        firstTime(event, event.auditType() + " audit " + event.auditId() + " against " + event.standardVersion()
                + " by " + event.auditor());
    }

    @EventHandler
    void on(HealthCheckPassed event) {
        firstTime(event, "Health check " + event.healthCheckId() + " passed");
    }

    @EventHandler
    void on(HealthCheckFailed event) {
        firstTime(event, "Health check " + event.healthCheckId() + " failed: " + event.reason());
    }

    @EventHandler
    void on(GoldAwarded event) {
        if (firstTime(event, "Gold awarded: certificate " + event.certificateNumber() + " valid until "
                + event.validUntil())) {
            certificate(event.certificateNumber(), event, Tier.GOLD, event.standardVersion(), event.validUntil(),
                    event.auditId());
        }
    }

    @EventHandler
    void on(CertificationGranted event) {
        if (firstTime(event, "Certified: certificate " + event.certificateNumber() + " valid until "
                + event.validUntil())) {
            certificate(event.certificateNumber(), event, Tier.CERTIFIED, event.standardVersion(),
                    event.validUntil(), event.auditId());
        }
    }

    @EventHandler
    void on(CertificationSuspended event) {
        if (firstTime(event, "Certificate " + event.certificateNumber() + " suspended: "
                + (event.cause() == CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED
                ? "health check " + event.causeId() + " failed"
                : "no health check for the anniversary " + event.causeId()))) {
            change(event.certificateNumber(), event, CertificateStatus.SUSPENDED);
        }
    }

    @EventHandler
    void on(CertificationReinstated event) {
        if (firstTime(event, "Certificate " + event.certificateNumber() + " reinstated by health check "
                + event.healthCheckId())) {
            change(event.certificateNumber(), event, CertificateStatus.ACTIVE);
        }
    }

    @EventHandler
    void on(CertificationWithdrawn event) {
        if (firstTime(event, "Certificate " + event.certificateNumber() + " withdrawn")) {
            change(event.certificateNumber(), event, CertificateStatus.WITHDRAWN);
        }
    }

    @EventHandler
    void on(CertificationExpired event) {
        if (firstTime(event, "Certificate " + event.certificateNumber() + " expired")) {
            change(event.certificateNumber(), event, CertificateStatus.EXPIRED);
        }
    }

    @EventHandler
    void on(CertificateSuperseded event) {
        if (firstTime(event, "Certificate " + event.certificateNumber() + " superseded by "
                + event.supersededBy())) {
            change(event.certificateNumber(), event, CertificateStatus.SUPERSEDED);
        }
    }

    @EventHandler
    void on(CertificationChangeRevoked event) {
        if (firstTime(event, event.revokedEventType() + " of certificate " + event.certificateNumber()
                + " on " + event.effectiveOn() + " revoked: a later report changed the history")) {
            jdbc.update("UPDATE certificate SET revoked_by = ? WHERE event_id = ?", event.eventId(),
                    event.revokedEventId());
            jdbc.update("UPDATE certificate_change SET revoked_by = ? WHERE event_id = ?", event.eventId(),
                    event.revokedEventId());
        }
    }

    @EventHandler
    void on(AuditCorrected event) {
        firstTime(event, "Audit " + event.auditId() + " corrected: " + event.reason());
    }

    @EventHandler
    void on(AuditWithdrawn event) {
        firstTime(event, "Audit " + event.auditId() + " withdrawn: " + event.reason());
    }

    @EventHandler
    void on(HealthCheckCorrected event) {
        firstTime(event, "Health check " + event.healthCheckId() + " corrected to "
                + (event.passed() ? "passed" : "failed") + ": " + event.reason());
    }

    @EventHandler
    void on(HealthCheckWithdrawn event) {
        firstTime(event, "Health check " + event.healthCheckId() + " withdrawn: " + event.reason());
    }

    @EventHandler
    void on(EmploymentStarted event) {
        firstTime(event, "Employs CCSM professional " + event.professionalId() + " (employment "
                + event.employmentId() + ")");
    }

    @EventHandler
    void on(EmploymentEnded event) {
        firstTime(event, "No longer employs CCSM professional " + event.professionalId() + " (employment "
                + event.employmentId() + ")");
    }

    private void certificate(CertificateNumber number, OrganisationEvent event, Tier tier, StandardVersion standard,
                             LocalDate validUntil, String auditId) {
        jdbc.update("INSERT INTO certificate (certificate_number, organisation_id, tier, standard_version, "
                        + "awarded_on, valid_until, audit_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (certificate_number) DO UPDATE SET revoked_by = NULL, event_id = EXCLUDED.event_id",
                number.value(), event.organisationId().value(), tier.name(), standard.code(),
                Date.valueOf(event.effectiveOn()), Date.valueOf(validUntil), auditId, event.eventId());
    }

    private void change(CertificateNumber number, OrganisationEvent event, CertificateStatus status) {
        jdbc.update("INSERT INTO certificate_change (event_id, certificate_number, organisation_id, status, "
                        + "effective_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?)", event.eventId(), number.value(),
                event.organisationId().value(), status.name(), Date.valueOf(event.effectiveOn()),
                Timestamp.from(event.recordedAt()));
    }

    @EventHandler
    void on(AwardWon event) {
        if (firstTime(event, "Won the International Service Excellence Award " + event.seasonYear() + " in "
                + event.category())) {
            jdbc.update("INSERT INTO award (award_id, organisation_id, season_year, category, won_on) "
                            + "VALUES (?, ?, ?, ?, ?)", event.awardId(), event.organisationId().value(),
                    event.seasonYear(), event.category(), Date.valueOf(event.effectiveOn()));
        }
    }

    /** Records the event in the history unless its id was seen before; true when it is new. */
    private boolean firstTime(OrganisationEvent event, String summary) {
        if (!processed.firstDelivery(GROUP, event.eventId())) {
            return false;
        }
        jdbc.update("INSERT INTO history_entry (event_id, organisation_id, event_type, effective_on, recorded_at, "
                        + "summary, payload) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)", event.eventId(),
                event.organisationId().value(), event.getClass().getSimpleName(), Date.valueOf(event.effectiveOn()),
                Timestamp.from(event.recordedAt()), summary, toJson(event));
        return true;
    }

    private String toJson(OrganisationEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId() + " as JSON", e);
        }
    }
}
