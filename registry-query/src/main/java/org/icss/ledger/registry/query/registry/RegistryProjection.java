package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.AuditScored;
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
            jdbc.update("INSERT INTO certificate (certificate_number, organisation_id, tier, standard_version, "
                            + "awarded_on, valid_until, audit_id, event_id) VALUES (?, ?, 'GOLD', ?, ?, ?, ?, ?)",
                    event.certificateNumber().value(), event.organisationId().value(),
                    event.standardVersion().code(), Date.valueOf(event.effectiveOn()),
                    Date.valueOf(event.validUntil()), event.auditId(), event.eventId());
        }
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
