package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.AwardWon;
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
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Projects the three services' topics into registry-query's read models. Each event becomes rows keyed by its id,
 * with both clocks; rows are only inserted (a revocation is a row of its own, applied when reading), so the result
 * does not depend on the order events arrive in. Each event is applied once per generation: a redelivered id is
 * skipped ({@link ProcessedEvents}, consumer {@code registry:<schema>}), recorded in the same transaction as its rows.
 * The live tracking processor writes every event to each writable generation ({@link Generations}); a replay calls
 * {@link #apply} for the generation it builds.
 */
@Component
@ProcessingGroup(RegistryProjection.GROUP)
public class RegistryProjection {

    public static final String GROUP = "registry";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Generations generations;

    public RegistryProjection(JdbcTemplate jdbc, ProcessedEvents processed, ObjectMapper json,
                              Generations generations) {
        this.jdbc = jdbc;
        this.processed = processed;
        this.json = json;
        this.generations = generations;
    }

    public static String consumer(String schema) {
        return GROUP + ":" + schema;
    }

    /** Lower case without accents or other marks: the key name search compares. */
    public static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).strip();
    }

    @EventHandler
    public void on(LedgerEvent event) {
        for (String schema : generations.writableSchemas()) {
            apply(event, schema);
        }
    }

    /** Applies one event to the generation in {@code schema}, unless that generation has it already. */
    public void apply(LedgerEvent event, String schema) {
        if (processed.firstDelivery(consumer(schema), event.eventId())) {
            rows(event, schema, jdbc::update);
        }
    }

    /**
     * Applies {@code events} to the generation in {@code schema}, as {@link #apply} applies each, with one JDBC batch
     * per statement instead of a round trip per row (a replay's slice, in the caller's transaction). An event the
     * generation has already, or that comes twice in the list, is applied once.
     */
    public void applyAll(List<? extends LedgerEvent> events, String schema) {
        Map<String, List<Object[]>> batches = new LinkedHashMap<>();
        for (LedgerEvent event : processed.firstDeliveries(consumer(schema), events)) {
            rows(event, schema, (sql, args) -> batches.computeIfAbsent(sql, k -> new ArrayList<>()).add(args));
        }
        batches.forEach(jdbc::batchUpdate);
    }

    /** Where an event's rows go: one statement with its arguments at a time. */
    private interface Rows {
        void insert(String sql, Object... args);
    }

    private void rows(LedgerEvent event, String schema, Rows out) {
        if (event instanceof ProfessionalCertified e) {
            out.insert("INSERT INTO " + schema + ".credential (event_id, professional_id, credential_id, valid_from, "
                            + "valid_until, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.eventId(), e.professionalId().value(), e.credentialId(), Date.valueOf(e.effectiveOn()),
                    Date.valueOf(e.validUntil()), Timestamp.from(e.recordedAt()));
        } else if (event instanceof OrganisationEvent e) {
            history(schema, e, summary(e), out);
            rows(schema, e, out);
        }
    }

    private void rows(String schema, OrganisationEvent event, Rows out) {
        if (event instanceof OrganisationRegistered e) {
            out.insert("INSERT INTO " + schema + ".organisation (organisation_id, event_id, name, name_folded, "
                            + "country, member_body, registered_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", e.organisationId().value(), e.eventId(), e.name(),
                    fold(e.name()), e.country(), e.memberBody().name(), Date.valueOf(e.effectiveOn()),
                    Timestamp.from(e.recordedAt()));
        } else if (event instanceof GoldAwarded e) {
            certificate(schema, e, e.certificateNumber(), Tier.GOLD, e.standardVersion(), e.validUntil(),
                    e.auditId(), out);
        } else if (event instanceof CertificationGranted e) {
            certificate(schema, e, e.certificateNumber(), Tier.CERTIFIED, e.standardVersion(), e.validUntil(),
                    e.auditId(), out);
        } else if (event instanceof CertificationSuspended e) {
            change(schema, e, e.certificateNumber(), CertificateStatus.SUSPENDED, out);
        } else if (event instanceof CertificationReinstated e) {
            change(schema, e, e.certificateNumber(), CertificateStatus.ACTIVE, out);
        } else if (event instanceof CertificationWithdrawn e) {
            change(schema, e, e.certificateNumber(), CertificateStatus.WITHDRAWN, out);
        } else if (event instanceof CertificationExpired e) {
            change(schema, e, e.certificateNumber(), CertificateStatus.EXPIRED, out);
        } else if (event instanceof CertificateSuperseded e) {
            change(schema, e, e.certificateNumber(), CertificateStatus.SUPERSEDED, out);
        } else if (event instanceof CertificationChangeRevoked e) {
            out.insert("INSERT INTO " + schema + ".revocation (event_id, revoked_event_id, revoked_event_type, "
                            + "organisation_id, certificate_number, effective_on, recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.eventId(), e.revokedEventId(),
                    e.revokedEventType(), e.organisationId().value(), e.certificateNumber().value(),
                    Date.valueOf(e.effectiveOn()), Timestamp.from(e.recordedAt()));
        } else if (event instanceof AwardWon e) {
            out.insert("INSERT INTO " + schema + ".award (event_id, award_id, organisation_id, season_year, category, "
                            + "won_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.eventId(),
                    e.awardId(), e.organisationId().value(), e.seasonYear(), e.category(),
                    Date.valueOf(e.effectiveOn()), Timestamp.from(e.recordedAt()));
        } else if (event instanceof EmploymentStarted e) {
            employment(schema, e, e.employmentId(), e.professionalId().value(), "START", out);
        } else if (event instanceof EmploymentEnded e) {
            employment(schema, e, e.employmentId(), e.professionalId().value(), "END", out);
        }
    }

    private static String summary(OrganisationEvent event) {
        if (event instanceof OrganisationRegistered e) {
            return "Registered by " + e.memberBody() + " as " + e.name() + " (" + e.country() + ")";
        } else if (event instanceof AuditScored e) {
            return e.auditType() + " audit " + e.auditId() + " against " + e.standardVersion() + " by " + e.auditor();
        } else if (event instanceof HealthCheckPassed e) {
            return "Health check " + e.healthCheckId() + " passed";
        } else if (event instanceof HealthCheckFailed e) {
            return "Health check " + e.healthCheckId() + " failed: " + e.reason();
        } else if (event instanceof GoldAwarded e) {
            return "Gold awarded: certificate " + e.certificateNumber() + " valid until " + e.validUntil();
        } else if (event instanceof CertificationGranted e) {
            return "Certified: certificate " + e.certificateNumber() + " valid until " + e.validUntil();
        } else if (event instanceof CertificationSuspended e) {
            return "Certificate " + e.certificateNumber() + " suspended: "
                    + (e.cause() == CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED
                    ? "health check " + e.causeId() + " failed"
                    : "no health check for the anniversary " + e.causeId());
        } else if (event instanceof CertificationReinstated e) {
            return "Certificate " + e.certificateNumber() + " reinstated by health check " + e.healthCheckId();
        } else if (event instanceof CertificationWithdrawn e) {
            return "Certificate " + e.certificateNumber() + " withdrawn";
        } else if (event instanceof CertificationExpired e) {
            return "Certificate " + e.certificateNumber() + " expired";
        } else if (event instanceof CertificateSuperseded e) {
            return "Certificate " + e.certificateNumber() + " superseded by " + e.supersededBy();
        } else if (event instanceof CertificationChangeRevoked e) {
            return e.revokedEventType() + " of certificate " + e.certificateNumber() + " on " + e.effectiveOn()
                    + " revoked: a later report changed the history";
        } else if (event instanceof AuditCorrected e) {
            return "Audit " + e.auditId() + " corrected: " + e.reason();
        } else if (event instanceof AuditWithdrawn e) {
            return "Audit " + e.auditId() + " withdrawn: " + e.reason();
        } else if (event instanceof HealthCheckCorrected e) {
            return "Health check " + e.healthCheckId() + " corrected to " + (e.passed() ? "passed" : "failed") + ": "
                    + e.reason();
        } else if (event instanceof HealthCheckWithdrawn e) {
            return "Health check " + e.healthCheckId() + " withdrawn: " + e.reason();
        } else if (event instanceof EmploymentStarted e) {
            return "Employs CCSM professional " + e.professionalId() + " (employment " + e.employmentId() + ")";
        } else if (event instanceof EmploymentEnded e) {
            return "No longer employs CCSM professional " + e.professionalId() + " (employment " + e.employmentId()
                    + ")";
        } else if (event instanceof AwardWon e) {
            return "Won the International Service Excellence Award " + e.seasonYear() + " in " + e.category();
        }
        return event.getClass().getSimpleName();
    }

    private void certificate(String schema, OrganisationEvent event, CertificateNumber number, Tier tier,
                             StandardVersion standard, LocalDate validUntil, String auditId, Rows out) {
        out.insert("INSERT INTO " + schema + ".certificate (event_id, certificate_number, organisation_id, tier, "
                        + "standard_version, awarded_on, valid_until, audit_id, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", event.eventId(), number.value(),
                event.organisationId().value(), tier.name(), standard.code(), Date.valueOf(event.effectiveOn()),
                Date.valueOf(validUntil), auditId, Timestamp.from(event.recordedAt()));
    }

    private void change(String schema, OrganisationEvent event, CertificateNumber number, CertificateStatus status,
                        Rows out) {
        out.insert("INSERT INTO " + schema + ".certificate_change (event_id, certificate_number, organisation_id, "
                        + "status, effective_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                event.eventId(), number.value(), event.organisationId().value(), status.name(),
                Date.valueOf(event.effectiveOn()), Timestamp.from(event.recordedAt()));
    }

    private void employment(String schema, OrganisationEvent event, String employmentId, String professionalId,
                            String kind, Rows out) {
        out.insert("INSERT INTO " + schema + ".employment_change (event_id, employment_id, organisation_id, "
                        + "professional_id, kind, effective_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", event.eventId(), employmentId, event.organisationId().value(),
                professionalId, kind, Date.valueOf(event.effectiveOn()), Timestamp.from(event.recordedAt()));
    }

    private void history(String schema, OrganisationEvent event, String summary, Rows out) {
        out.insert("INSERT INTO " + schema + ".history_entry (event_id, organisation_id, event_type, effective_on, "
                        + "recorded_at, summary, payload) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                event.eventId(), event.organisationId().value(), event.getClass().getSimpleName(),
                Date.valueOf(event.effectiveOn()), Timestamp.from(event.recordedAt()), summary, toJson(event));
    }

    private String toJson(LedgerEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId() + " as JSON", e);
        }
    }
}
