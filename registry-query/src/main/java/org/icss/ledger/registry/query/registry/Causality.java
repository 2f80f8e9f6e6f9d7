package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateNumber;
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
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Which earlier events caused each event of an organisation's compliance history (by audit, health check and
 * certificate), and which revocation revoked it. {@link Standings} works it out when the organisation's history
 * changes and stores it with each entry; readers only read it.
 */
final class Causality {

    private Causality() {
    }

    /** An entry of the history: both clocks, its summary, the event, and what caused and revoked it. */
    record Entry(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt, List<String> causedBy,
                 String revokedBy) {
    }

    record Row(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt, LedgerEvent event) {
    }

    /** Each history entry with its causes and revocation, from the organisation's rows in business-date order. */
    static List<Entry> of(List<Row> rows) {
        return Causes.of(rows);
    }

    /** A history row's payload as the event it was written from ({@code event_type} names one of {@link #EVENT_TYPES}). */
    static LedgerEvent event(ObjectMapper json, String eventType, String payload) {
        Class<? extends LedgerEvent> type = EVENT_TYPES.get(eventType);
        if (type == null) {
            throw new IllegalStateException("history entry of an event type the published language does not have: "
                    + eventType);
        }
        try {
            return json.readValue(payload, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every event type of the sealed published language by its simple name, the name the projection stores. */
    private static final Map<String, Class<? extends LedgerEvent>> EVENT_TYPES = eventTypes();

    private static Map<String, Class<? extends LedgerEvent>> eventTypes() {
        Map<String, Class<? extends LedgerEvent>> types = new HashMap<>();
        for (Class<?> family : LedgerEvent.class.getPermittedSubclasses()) {
            for (Class<?> type : family.getPermittedSubclasses()) {
                types.put(type.getSimpleName(), type.asSubclass(LedgerEvent.class));
            }
        }
        return Map.copyOf(types);
    }


    /**
     * Which earlier events caused each certificate change (by audit, health check and certificate). Both passes
     * dispatch on the event with a visitor: a new event type does not compile until it says what it is about and
     * what caused it.
     */
    static final class Causes {

        private final Map<String, List<Row>> byAudit = new HashMap<>();
        private final Map<String, List<Row>> byCheck = new HashMap<>();
        private final Map<String, List<Row>> awardsByCertificate = new HashMap<>();
        private final Map<String, List<Row>> suspensionsByCertificate = new HashMap<>();
        private final Map<String, String> revokedBy = new HashMap<>();
        private final List<Row> reports = new ArrayList<>();

        private Causes() {
        }

        static List<Entry> of(List<Row> rows) {
            Causes causes = new Causes();
            rows.forEach(row -> row.event().accept(causes.new Index(row)));
            causes.reports.sort(Comparator.comparing(Row::recordedAt));
            List<Entry> entries = new ArrayList<>();
            for (Row row : rows) {
                LinkedHashSet<String> ids = new LinkedHashSet<>();
                row.event().accept(causes.new Cause(row, ids));
                ids.remove(null);
                entries.add(new Entry(row.eventId(), row.eventType(), row.effectiveOn(), row.recordedAt(),
                        List.copyOf(ids), causes.revokedBy.get(row.eventId())));
            }
            return Collections.unmodifiableList(entries);
        }

        /** First pass: what each event is about (an audit, a health check, a certificate) and what it revokes. */
        private final class Index implements LedgerEventVisitor<Void> {

            private final Row row;

            Index(Row row) {
                this.row = row;
            }

            private Void audit(String auditId) {
                byAudit.computeIfAbsent(auditId, k -> new ArrayList<>()).add(row);
                reports.add(row);
                return null;
            }

            private Void check(String healthCheckId) {
                byCheck.computeIfAbsent(healthCheckId, k -> new ArrayList<>()).add(row);
                reports.add(row);
                return null;
            }

            private Void award(CertificateNumber number) {
                awardsByCertificate.computeIfAbsent(number.value(), k -> new ArrayList<>()).add(row);
                return null;
            }

            @Override
            public Void visit(AuditScored e) {
                return audit(e.auditId());
            }

            @Override
            public Void visit(AuditCorrected e) {
                return audit(e.auditId());
            }

            @Override
            public Void visit(AuditWithdrawn e) {
                return audit(e.auditId());
            }

            @Override
            public Void visit(HealthCheckPassed e) {
                return check(e.healthCheckId());
            }

            @Override
            public Void visit(HealthCheckFailed e) {
                return check(e.healthCheckId());
            }

            @Override
            public Void visit(HealthCheckCorrected e) {
                return check(e.healthCheckId());
            }

            @Override
            public Void visit(HealthCheckWithdrawn e) {
                return check(e.healthCheckId());
            }

            @Override
            public Void visit(GoldAwarded e) {
                return award(e.certificateNumber());
            }

            @Override
            public Void visit(CertificationGranted e) {
                return award(e.certificateNumber());
            }

            @Override
            public Void visit(CertificationSuspended e) {
                suspensionsByCertificate.computeIfAbsent(e.certificateNumber().value(), k -> new ArrayList<>())
                        .add(row);
                return null;
            }

            @Override
            public Void visit(CertificationChangeRevoked e) {
                revokedBy.put(e.revokedEventId().toString(), row.eventId());
                return null;
            }

            @Override
            public Void visit(OrganisationRegistered e) {
                return null;
            }

            @Override
            public Void visit(CertificationReinstated e) {
                return null;
            }

            @Override
            public Void visit(CertificationWithdrawn e) {
                return null;
            }

            @Override
            public Void visit(CertificationExpired e) {
                return null;
            }

            @Override
            public Void visit(CertificateSuperseded e) {
                return null;
            }

            @Override
            public Void visit(ProfessionalCertified e) {
                return null;
            }

            @Override
            public Void visit(EmploymentStarted e) {
                return null;
            }

            @Override
            public Void visit(EmploymentEnded e) {
                return null;
            }

            @Override
            public Void visit(AwardWon e) {
                return null;
            }
        }

        /** Second pass: the earlier events that caused a certificate change; reports and others have none. */
        private final class Cause implements LedgerEventVisitor<Void> {

            private final Row row;
            private final Collection<String> ids;

            Cause(Row row, Collection<String> ids) {
                this.row = row;
                this.ids = ids;
            }

            /** The related reports recorded by the time the change was. */
            private Void reports(List<Row> related) {
                if (related != null) {
                    related.stream().filter(r -> !r.recordedAt().isAfter(row.recordedAt())).map(Row::eventId)
                            .forEach(ids::add);
                }
                return null;
            }

            private Void awards(CertificateNumber number) {
                awardsByCertificate.getOrDefault(number.value(), List.of()).stream().map(Row::eventId)
                        .forEach(ids::add);
                return null;
            }

            @Override
            public Void visit(GoldAwarded e) {
                return reports(byAudit.get(e.auditId()));
            }

            @Override
            public Void visit(CertificationGranted e) {
                return reports(byAudit.get(e.auditId()));
            }

            @Override
            public Void visit(CertificationSuspended e) {
                return e.cause() == CertificationSuspended.SuspensionCause.HEALTH_CHECK_FAILED
                        ? reports(byCheck.get(e.causeId()))
                        : awards(e.certificateNumber());
            }

            @Override
            public Void visit(CertificationReinstated e) {
                return reports(byCheck.get(e.healthCheckId()));
            }

            @Override
            public Void visit(CertificationWithdrawn e) {
                suspensionsByCertificate.getOrDefault(e.certificateNumber().value(), List.of()).stream()
                        .filter(r -> !r.effectiveOn().isAfter(row.effectiveOn())).reduce((a, b) -> b)
                        .ifPresent(r -> ids.add(r.eventId()));
                return null;
            }

            @Override
            public Void visit(CertificationExpired e) {
                return awards(e.certificateNumber());
            }

            @Override
            public Void visit(CertificateSuperseded e) {
                return awards(e.supersededBy());
            }

            @Override
            public Void visit(CertificationChangeRevoked e) {
                ids.add(e.revokedEventId().toString());
                reports.stream().filter(r -> !r.recordedAt().isAfter(row.recordedAt())).reduce((a, b) -> b)
                        .ifPresent(r -> ids.add(r.eventId()));
                return null;
            }

            @Override
            public Void visit(OrganisationRegistered e) {
                return null;
            }

            @Override
            public Void visit(AuditScored e) {
                return null;
            }

            @Override
            public Void visit(AuditCorrected e) {
                return null;
            }

            @Override
            public Void visit(AuditWithdrawn e) {
                return null;
            }

            @Override
            public Void visit(HealthCheckPassed e) {
                return null;
            }

            @Override
            public Void visit(HealthCheckFailed e) {
                return null;
            }

            @Override
            public Void visit(HealthCheckCorrected e) {
                return null;
            }

            @Override
            public Void visit(HealthCheckWithdrawn e) {
                return null;
            }

            @Override
            public Void visit(ProfessionalCertified e) {
                return null;
            }

            @Override
            public Void visit(EmploymentStarted e) {
                return null;
            }

            @Override
            public Void visit(EmploymentEnded e) {
                return null;
            }

            @Override
            public Void visit(AwardWon e) {
                return null;
            }
        }
    }
}
