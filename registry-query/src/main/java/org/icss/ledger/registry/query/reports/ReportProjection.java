package org.icss.ledger.registry.query.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Map;
import java.util.TreeMap;

/**
 * The performance reports' read model, in schema {@code reporting}: organisations, audits with their scores and
 * expected scores, corrections and withdrawals. Its own tracking processor ({@value #GROUP}, own thread and token),
 * so building reports never holds up the public registry. Idempotent by event id ({@link ProcessedEvents}).
 */
@Component
@ProcessingGroup(ReportProjection.GROUP)
public class ReportProjection {

    public static final String GROUP = "reports";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public ReportProjection(JdbcTemplate jdbc, ProcessedEvents processed, ObjectMapper json) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.json = json;
    }

    @EventHandler
    public void on(OrganisationRegistered event) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            jdbc.update("INSERT INTO reporting.organisation (organisation_id, event_id, name, country, member_body) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.organisationId().value(),
                    event.eventId(), event.name(), event.country(), event.memberBody().name());
        }
    }

    @EventHandler
    public void on(AuditScored event) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            jdbc.update("INSERT INTO reporting.audit (event_id, organisation_id, audit_id, audited_on, recorded_at, "
                            + "standard_version, audit_type, auditor, scores, expected_scores) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) ON CONFLICT DO NOTHING",
                    event.eventId(), event.organisationId().value(), event.auditId(),
                    Date.valueOf(event.effectiveOn()), Timestamp.from(event.recordedAt()),
                    event.standardVersion().code(), event.auditType().name(), event.auditor(),
                    toJson(event.scores()), toJson(event.expectedScores()));
        }
    }

    @EventHandler
    public void on(AuditCorrected event) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            jdbc.update("INSERT INTO reporting.audit_correction (event_id, organisation_id, audit_id, recorded_at, "
                            + "scores) VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING", event.eventId(),
                    event.organisationId().value(), event.auditId(), Timestamp.from(event.recordedAt()),
                    toJson(event.scores()));
        }
    }

    @EventHandler
    public void on(AuditWithdrawn event) {
        if (processed.firstDelivery(GROUP, event.eventId())) {
            jdbc.update("INSERT INTO reporting.audit_withdrawal (event_id, organisation_id, audit_id, recorded_at) "
                            + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", event.eventId(),
                    event.organisationId().value(), event.auditId(), Timestamp.from(event.recordedAt()));
        }
    }

    private String toJson(Map<String, Integer> scores) {
        try {
            return json.writeValueAsString(new TreeMap<>(scores));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write scores as JSON", e);
        }
    }
}
