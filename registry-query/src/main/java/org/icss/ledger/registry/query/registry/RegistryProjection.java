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
import org.icss.ledger.events.LedgerEventVisitor;
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
    private final Announcements announcements;

    public RegistryProjection(JdbcTemplate jdbc, ProcessedEvents processed, ObjectMapper json,
                              Generations generations) {
        this(jdbc, processed, json, generations, Announcements.NONE);
    }

    /**
     * @param announcements told of each organisation event the live feed applies to a generation, in the same
     *                      transaction (certificate events become notifications); a replay's {@link #apply} and
     *                      {@link #applyAll} tell it nothing
     */
    @org.springframework.beans.factory.annotation.Autowired
    public RegistryProjection(JdbcTemplate jdbc, ProcessedEvents processed, ObjectMapper json,
                              Generations generations, Announcements announcements) {
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.processed = processed;
        this.json = json;
        this.generations = generations;
    }

    public static String consumer(String schema) {
        return GROUP + ":" + schema;
    }

    /**
     * Lower case without accents or other marks, full-width and half-width forms as their usual forms ("ＳＥＣ" as
     * "sec"): the key name search compares.
     */
    public static String fold(String text) {
        StringBuilder widths = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= 0xFF00 && c <= 0xFFEF || c == 0x3000) {
                widths.append(Normalizer.normalize(Character.toString(c), Normalizer.Form.NFKC));
            } else {
                widths.appendCodePoint(c);
            }
        });
        return Normalizer.normalize(widths, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).strip();
    }

    @EventHandler
    public void on(LedgerEvent event) {
        for (String schema : generations.writableSchemas()) {
            if (processed.firstDelivery(consumer(schema), event.eventId())) {
                rows(event, schema, jdbc::update);
                if (event instanceof OrganisationEvent organisationEvent) {
                    // after the rows: the organisation's standing row (marked dirty above) is locked by now, so an
                    // organisation's announcements are written in the order its changes commit
                    announcements.certificateEvent(schema, organisationEvent, summary(organisationEvent));
                }
            }
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
        event.accept(new RowWriter(schema, out));
    }

    /**
     * The rows of each event type: a history entry for every organisation's event, and the read model's own rows
     * for those the standing needs. A visitor, so a new event type does not compile until it says what it writes.
     */
    private final class RowWriter implements LedgerEventVisitor<Void> {

        private final String schema;
        private final Rows out;

        RowWriter(String schema, Rows out) {
            this.schema = schema;
            this.out = out;
        }

        /** The compliance history's entry, and the organisation's precomputed answers marked for computing. */
        private Void historyOnly(OrganisationEvent event) {
            history(schema, event, summary(event), out);
            out.insert(Standings.markDirtySql(schema), event.organisationId().value());
            return null;
        }

        @Override
        public Void visit(ProfessionalCertified e) {
            out.insert("INSERT INTO " + schema + ".credential (event_id, professional_id, credential_id, valid_from, "
                            + "valid_until, recorded_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    e.eventId(), e.professionalId().value(), e.credentialId(), Date.valueOf(e.effectiveOn()),
                    Date.valueOf(e.validUntil()), Timestamp.from(e.recordedAt()));
            // every organisation employing the professional may gain or lose Platinum by it
            out.insert(Standings.markEmployersDirtySql(schema), e.professionalId().value());
            return null;
        }

        @Override
        public Void visit(OrganisationRegistered e) {
            historyOnly(e);
            out.insert("INSERT INTO " + schema + ".organisation (organisation_id, event_id, name, name_folded, "
                            + "country, member_body, registered_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING", e.organisationId().value(), e.eventId(), e.name(),
                    fold(e.name()), e.country(), e.memberBody().name(), Date.valueOf(e.effectiveOn()),
                    Timestamp.from(e.recordedAt()));
            return null;
        }

        @Override
        public Void visit(AuditScored e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(AuditCorrected e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(AuditWithdrawn e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(HealthCheckPassed e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(HealthCheckFailed e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(HealthCheckCorrected e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(HealthCheckWithdrawn e) {
            return historyOnly(e);
        }

        @Override
        public Void visit(GoldAwarded e) {
            historyOnly(e);
            certificate(schema, e, e.certificateNumber(), Tier.GOLD, e.standardVersion(), e.validUntil(),
                    e.auditId(), out);
            return null;
        }

        @Override
        public Void visit(CertificationGranted e) {
            historyOnly(e);
            certificate(schema, e, e.certificateNumber(), Tier.CERTIFIED, e.standardVersion(), e.validUntil(),
                    e.auditId(), out);
            return null;
        }

        @Override
        public Void visit(CertificationSuspended e) {
            return changed(e, e.certificateNumber(), CertificateStatus.SUSPENDED);
        }

        @Override
        public Void visit(CertificationReinstated e) {
            return changed(e, e.certificateNumber(), CertificateStatus.ACTIVE);
        }

        @Override
        public Void visit(CertificationWithdrawn e) {
            return changed(e, e.certificateNumber(), CertificateStatus.WITHDRAWN);
        }

        @Override
        public Void visit(CertificationExpired e) {
            return changed(e, e.certificateNumber(), CertificateStatus.EXPIRED);
        }

        @Override
        public Void visit(CertificateSuperseded e) {
            return changed(e, e.certificateNumber(), CertificateStatus.SUPERSEDED);
        }

        @Override
        public Void visit(CertificationChangeRevoked e) {
            historyOnly(e);
            out.insert("INSERT INTO " + schema + ".revocation (event_id, revoked_event_id, revoked_event_type, "
                            + "organisation_id, certificate_number, effective_on, recorded_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.eventId(), e.revokedEventId(),
                    e.revokedEventType(), e.organisationId().value(), e.certificateNumber().value(),
                    Date.valueOf(e.effectiveOn()), Timestamp.from(e.recordedAt()));
            return null;
        }

        @Override
        public Void visit(AwardWon e) {
            historyOnly(e);
            out.insert("INSERT INTO " + schema + ".award (event_id, award_id, organisation_id, season_year, category, "
                            + "won_on, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", e.eventId(),
                    e.awardId(), e.organisationId().value(), e.seasonYear(), e.category(),
                    Date.valueOf(e.effectiveOn()), Timestamp.from(e.recordedAt()));
            return null;
        }

        @Override
        public Void visit(EmploymentStarted e) {
            historyOnly(e);
            employment(schema, e, e.employmentId(), e.professionalId().value(), "START", out);
            return null;
        }

        @Override
        public Void visit(EmploymentEnded e) {
            historyOnly(e);
            employment(schema, e, e.employmentId(), e.professionalId().value(), "END", out);
            return null;
        }

        private Void changed(OrganisationEvent event, CertificateNumber number, CertificateStatus status) {
            historyOnly(event);
            change(schema, event, number, status, out);
            return null;
        }
    }

    private static String summary(OrganisationEvent event) {
        return event.accept(SUMMARY);
    }

    /** The one-line summary of each event in the compliance history. */
    private static final LedgerEventVisitor<String> SUMMARY = new LedgerEventVisitor<>() {
        @Override
        public String visit(OrganisationRegistered e) {
            return "Registered by " + e.memberBody() + " as " + e.name() + " (" + e.country() + ")";
        }

        @Override
        public String visit(AuditScored e) {
            return e.auditType() + " audit " + e.auditId() + " against " + e.standardVersion() + " by " + e.auditor();
        }

        @Override
        public String visit(HealthCheckPassed e) {
            return "Health check " + e.healthCheckId() + " passed";
        }

        @Override
        public String visit(HealthCheckFailed e) {
            return "Health check " + e.healthCheckId() + " failed: " + e.reason();
        }

        @Override
        public String visit(GoldAwarded e) {
            return "Gold awarded: certificate " + e.certificateNumber() + " valid until " + e.validUntil();
        }

        @Override
        public String visit(CertificationGranted e) {
            return "Certified: certificate " + e.certificateNumber() + " valid until " + e.validUntil();
        }

        @Override
        public String visit(CertificationSuspended e) {
            return "Certificate " + e.certificateNumber() + " suspended: "
                    + (e.cause() == CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED
                    ? "health check " + e.causeId() + " failed"
                    : "no health check for the anniversary " + e.causeId());
        }

        @Override
        public String visit(CertificationReinstated e) {
            return "Certificate " + e.certificateNumber() + " reinstated by health check " + e.healthCheckId();
        }

        @Override
        public String visit(CertificationWithdrawn e) {
            return "Certificate " + e.certificateNumber() + " withdrawn";
        }

        @Override
        public String visit(CertificationExpired e) {
            return "Certificate " + e.certificateNumber() + " expired";
        }

        @Override
        public String visit(CertificateSuperseded e) {
            return "Certificate " + e.certificateNumber() + " superseded by " + e.supersededBy();
        }

        @Override
        public String visit(CertificationChangeRevoked e) {
            return e.revokedEventType() + " of certificate " + e.certificateNumber() + " on " + e.effectiveOn()
                    + " revoked: a later report changed the history";
        }

        @Override
        public String visit(AuditCorrected e) {
            return "Audit " + e.auditId() + " corrected: " + e.reason();
        }

        @Override
        public String visit(AuditWithdrawn e) {
            return "Audit " + e.auditId() + " withdrawn: " + e.reason();
        }

        @Override
        public String visit(HealthCheckCorrected e) {
            return "Health check " + e.healthCheckId() + " corrected to " + (e.passed() ? "passed" : "failed") + ": "
                    + e.reason();
        }

        @Override
        public String visit(HealthCheckWithdrawn e) {
            return "Health check " + e.healthCheckId() + " withdrawn: " + e.reason();
        }

        @Override
        public String visit(EmploymentStarted e) {
            return "Employs CCSM professional " + e.professionalId() + " (employment " + e.employmentId() + ")";
        }

        @Override
        public String visit(EmploymentEnded e) {
            return "No longer employs CCSM professional " + e.professionalId() + " (employment " + e.employmentId()
                    + ")";
        }

        @Override
        public String visit(AwardWon e) {
            return "Won the International Service Excellence Award " + e.seasonYear() + " in " + e.category();
        }

        /** Not an organisation's event: it has no entry in an organisation's history. */
        @Override
        public String visit(ProfessionalCertified e) {
            return "CCSM credential " + e.credentialId() + " of professional " + e.professionalId();
        }
    };

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
