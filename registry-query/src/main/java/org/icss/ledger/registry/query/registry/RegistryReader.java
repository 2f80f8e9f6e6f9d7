package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Award;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Credential;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Employment;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.icss.ledger.registry.query.registry.StandingPolicy.TimelineEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.icss.ledger.rules.StatusPolicy;

/**
 * Answers the registry's questions from the current generation's tables ({@link Generations}, read once per
 * answer). "As known at T" keeps only rows recorded at or before T, and drops events revoked by a revocation
 * recorded at or before T; without T everything recorded counts. Standing, Platinum and timelines come from
 * {@link StandingPolicy} on the organisation's {@link OrganisationHistory}, so every answer uses the same rules.
 */
@Component
public class RegistryReader {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final StandingPolicy policy;
    private final ObjectMapper json;

    public RegistryReader(JdbcTemplate jdbc, Generations generations, StandingPolicy policy, ObjectMapper json) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.policy = policy;
        this.json = json;
    }

    public record OrganisationSummary(String organisationId, String name, String country, String memberBody) {
    }

    public record CertificateView(String certificateNumber, String organisationId, String tier,
                                  String standardVersion, LocalDate awardedOn, LocalDate validUntil,
                                  String auditId) {
    }

    public record AwardView(String awardId, int seasonYear, String category, LocalDate wonOn) {
    }

    /** An organisation, its standing on a date with reasons, and its ISEA wins up to that date. */
    public record OrganisationStanding(OrganisationSummary organisation, Standing standing, List<AwardView> awards) {
    }

    public record Timeline(OrganisationSummary organisation, List<TimelineEntry> entries) {
    }

    /** One search hit with its standing on the date searched. */
    public record Hit(OrganisationSummary organisation, Tier tier, CertificateStatus status, String certificateNumber) {
    }

    public record SearchResult(long total, List<Hit> items) {
    }

    /** A certificate, its organisation, and its status with every (non-revoked) change, on a date. */
    public record CertificateCheck(CertificateView certificate, OrganisationSummary organisation,
                                   Optional<CertificateStatus> status, List<Change> changes) {
    }

    /** An event in the compliance history with both clocks and the earlier events that caused it. */
    public record HistoryEntry(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt,
                               String summary, List<String> causedBy, String revokedBy) {
    }

    public record SearchQuery(String q, String country, String memberBody, Tier tier, CertificateStatus status,
                              LocalDate asOf, int page, int size) {
    }

    public Optional<OrganisationStanding> standing(String organisationId, LocalDate asOf, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = known(knownAt);
        return organisation(schema, organisationId, known).map(organisation -> {
            OrganisationHistory history = histories(schema, List.of(organisationId), known).get(organisationId);
            List<AwardView> awards = history.awards().stream().filter(a -> !a.wonOn().isAfter(asOf))
                    .map(a -> new AwardView(a.awardId(), a.seasonYear(), a.category(), a.wonOn())).toList();
            return new OrganisationStanding(organisation, policy.standingOn(asOf, history), awards);
        });
    }

    public Optional<Timeline> timeline(String organisationId, LocalDate through, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = known(knownAt);
        return organisation(schema, organisationId, known).map(organisation -> new Timeline(organisation,
                policy.timeline(histories(schema, List.of(organisationId), known).get(organisationId), through)));
    }

    /**
     * Organisations whose folded name contains every word of {@code q}, country and member body, sorted by folded name then id (stable across
     * pages); tier and status filter on the standing on {@code asOf}.
     */
    public SearchResult search(SearchQuery query) {
        String schema = generations.currentSchema();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.q() != null && !query.q().isBlank()) {
            for (String word : RegistryProjection.fold(query.q()).split("\\s+")) {
                where.append(" AND name_folded LIKE ? ESCAPE '\\'");
                args.add("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (query.country() != null && !query.country().isBlank()) {
            where.append(" AND country = ?");
            args.add(query.country().strip().toUpperCase());
        }
        if (query.memberBody() != null && !query.memberBody().isBlank()) {
            where.append(" AND member_body = ?");
            args.add(query.memberBody().strip().toUpperCase());
        }
        String order = " ORDER BY name_folded, organisation_id";
        String select = "SELECT organisation_id, name, country, member_body FROM " + schema + ".organisation" + where;
        if (query.tier() == null && query.status() == null) {
            Long total = jdbc.queryForObject("SELECT count(*) FROM " + schema + ".organisation" + where, Long.class,
                    args.toArray());
            List<Object> paged = new ArrayList<>(args);
            paged.add(query.size());
            paged.add((long) query.page() * query.size());
            List<OrganisationSummary> page = jdbc.query(select + order + " LIMIT ? OFFSET ?", RegistryReader::summary,
                    paged.toArray());
            return new SearchResult(total == null ? 0 : total, hits(schema, page, query.asOf()));
        }
        List<Hit> all = hits(schema, jdbc.query(select + order, RegistryReader::summary, args.toArray()),
                query.asOf()).stream()
                .filter(hit -> query.tier() == null || hit.tier() == query.tier())
                .filter(hit -> query.status() == null || hit.status() == query.status())
                .toList();
        int from = (int) Math.min(all.size(), (long) query.page() * query.size());
        return new SearchResult(all.size(), all.subList(from, Math.min(all.size(), from + query.size())));
    }

    /** Every organisation that is Platinum on {@code asOf}, by name, with its standing and reasons. */
    public List<OrganisationStanding> platinum(LocalDate asOf, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = known(knownAt);
        List<OrganisationSummary> candidates = jdbc.query("SELECT organisation_id, name, country, member_body FROM "
                + schema + ".organisation o WHERE o.recorded_at <= ? AND EXISTS (SELECT 1 FROM " + schema
                + ".certificate c WHERE c.organisation_id = o.organisation_id AND c.tier = 'GOLD' "
                + "AND c.awarded_on <= ? AND c.recorded_at <= ?) ORDER BY name_folded, organisation_id",
                RegistryReader::summary, Timestamp.from(known), Date.valueOf(asOf), Timestamp.from(known));
        Map<String, OrganisationHistory> histories = histories(schema,
                candidates.stream().map(OrganisationSummary::organisationId).toList(), known);
        List<OrganisationStanding> platinum = new ArrayList<>();
        for (OrganisationSummary organisation : candidates) {
            OrganisationHistory history = histories.get(organisation.organisationId());
            Standing standing = policy.standingOn(asOf, history);
            if (standing.tier() == Tier.PLATINUM) {
                platinum.add(new OrganisationStanding(organisation, standing, history.awards().stream()
                        .filter(a -> !a.wonOn().isAfter(asOf))
                        .map(a -> new AwardView(a.awardId(), a.seasonYear(), a.category(), a.wonOn())).toList()));
            }
        }
        return platinum;
    }

    /** A certificate by number as known at {@code knownAt}, and its status on {@code date}; empty when unknown. */
    public Optional<CertificateCheck> certificate(String number, LocalDate date, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = known(knownAt);
        List<String> owners = jdbc.queryForList("SELECT DISTINCT organisation_id FROM " + schema + ".certificate c "
                + "WHERE certificate_number = ? AND recorded_at <= ? AND NOT EXISTS (SELECT 1 FROM " + schema
                + ".revocation r WHERE r.revoked_event_id = c.event_id AND r.recorded_at <= ?)", String.class, number,
                Timestamp.from(known), Timestamp.from(known));
        if (owners.isEmpty()) {
            return Optional.empty();
        }
        String organisationId = owners.get(0);
        OrganisationHistory history = histories(schema, List.of(organisationId), known).get(organisationId);
        Optional<OrganisationSummary> organisation = organisation(schema, organisationId, END_OF_TIME);
        return history.certificates().stream().filter(c -> c.number().equals(number)).findFirst().map(c ->
                new CertificateCheck(view(c, organisationId), organisation.orElse(null),
                        StatusPolicy.statusOn(c.awardedOn(), c.validUntil(), c.statusChanges(), date), c.changes()));
    }

    /**
     * Every event about the organisation recorded at or before {@code knownAt}, in business-date order, with the
     * ids of the events that caused each certificate change and of a later revocation.
     */
    public Optional<List<HistoryEntry>> history(String organisationId, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = known(knownAt);
        if (organisation(schema, organisationId, known).isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = jdbc.query("SELECT event_id, event_type, effective_on, recorded_at, summary, payload FROM "
                + schema + ".history_entry WHERE organisation_id = ? AND recorded_at <= ? "
                + "ORDER BY effective_on, recorded_at, event_type, event_id", (rs, i) -> new Row(
                rs.getString("event_id"), rs.getString("event_type"), rs.getDate("effective_on").toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("summary"),
                event(rs.getString("event_type"), rs.getString("payload"))),
                organisationId, Timestamp.from(known));
        return Optional.of(Causes.of(rows));
    }

    /** The current generation's number (for answers that say which tables they came from). */
    public int generation() {
        return generations.currentGeneration();
    }

    private List<Hit> hits(String schema, List<OrganisationSummary> organisations, LocalDate asOf) {
        Map<String, OrganisationHistory> histories = histories(schema,
                organisations.stream().map(OrganisationSummary::organisationId).toList(), END_OF_TIME);
        return organisations.stream().map(o -> {
            Standing standing = policy.standingOn(asOf, histories.get(o.organisationId()));
            return new Hit(o, standing.tier(), standing.status(),
                    standing.certificate() == null ? null : standing.certificate().number());
        }).toList();
    }

    private Optional<OrganisationSummary> organisation(String schema, String organisationId, Instant known) {
        return jdbc.query("SELECT organisation_id, name, country, member_body FROM " + schema + ".organisation "
                        + "WHERE organisation_id = ? AND recorded_at <= ?", RegistryReader::summary, organisationId,
                Timestamp.from(known)).stream().findFirst();
    }

    /** The histories of {@code organisationIds} as known at {@code known}, in a fixed number of queries. */
    Map<String, OrganisationHistory> histories(String schema, Collection<String> organisationIds, Instant known) {
        Map<String, OrganisationHistory> result = new HashMap<>();
        if (organisationIds.isEmpty()) {
            return result;
        }
        String in = organisationIds.stream().map(id -> "?").collect(Collectors.joining(", ", "(", ")"));
        Timestamp at = Timestamp.from(known);
        List<Object> args = new ArrayList<>(organisationIds);
        args.add(at);
        args.add(at);
        Object[] params = args.toArray();
        String notRevoked = " AND recorded_at <= ? AND event_id NOT IN (SELECT revoked_event_id FROM " + schema
                + ".revocation WHERE recorded_at <= ?)";

        Map<String, List<Change>> changes = new HashMap<>();
        jdbc.query("SELECT event_id, certificate_number, status, effective_on FROM " + schema
                + ".certificate_change WHERE organisation_id IN " + in + notRevoked
                + " ORDER BY effective_on, recorded_at, event_id", rs -> {
            changes.computeIfAbsent(rs.getString("certificate_number"), k -> new ArrayList<>()).add(new Change(
                    UUID.fromString(rs.getString("event_id")), rs.getDate("effective_on").toLocalDate(),
                    CertificateStatus.valueOf(rs.getString("status"))));
        }, params);

        Map<String, Map<String, Certificate>> certificates = new HashMap<>();
        jdbc.query("SELECT * FROM " + schema + ".certificate WHERE organisation_id IN " + in + notRevoked
                + " ORDER BY recorded_at, event_id", rs -> {
            String number = rs.getString("certificate_number");
            certificates.computeIfAbsent(rs.getString("organisation_id"), k -> new LinkedHashMap<>()).put(number,
                    new Certificate(number, Tier.valueOf(rs.getString("tier")), rs.getString("standard_version"),
                            rs.getDate("awarded_on").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                            rs.getString("audit_id"), UUID.fromString(rs.getString("event_id")),
                            changes.getOrDefault(number, List.of())));
        }, params);

        List<Object> knownArgs = new ArrayList<>(organisationIds);
        knownArgs.add(at);
        Object[] knownParams = knownArgs.toArray();
        Map<String, Map<String, Employment>> employments = new HashMap<>();
        jdbc.query("SELECT * FROM " + schema + ".employment_change WHERE organisation_id IN " + in
                + " AND recorded_at <= ? ORDER BY kind DESC, effective_on, event_id", rs -> {
            Map<String, Employment> byId = employments.computeIfAbsent(rs.getString("organisation_id"),
                    k -> new LinkedHashMap<>());
            String employmentId = rs.getString("employment_id");
            UUID eventId = UUID.fromString(rs.getString("event_id"));
            LocalDate on = rs.getDate("effective_on").toLocalDate();
            Employment started = byId.get(employmentId);
            if ("START".equals(rs.getString("kind"))) {
                byId.put(employmentId, new Employment(employmentId, rs.getString("professional_id"), on, null,
                        eventId, null));
            } else if (started != null) {
                byId.put(employmentId, new Employment(employmentId, started.professionalId(), started.startedOn(), on,
                        started.startEventId(), eventId));
            }
        }, knownParams);

        Map<String, List<Credential>> credentials = new HashMap<>();
        List<String> professionals = employments.values().stream().flatMap(m -> m.values().stream())
                .map(Employment::professionalId).distinct().toList();
        if (!professionals.isEmpty()) {
            List<Object> credentialArgs = new ArrayList<>(professionals);
            credentialArgs.add(at);
            jdbc.query("SELECT * FROM " + schema + ".credential WHERE professional_id IN "
                    + professionals.stream().map(p -> "?").collect(Collectors.joining(", ", "(", ")"))
                    + " AND recorded_at <= ? ORDER BY valid_from, event_id", rs -> {
                credentials.computeIfAbsent(rs.getString("professional_id"), k -> new ArrayList<>()).add(
                        new Credential(rs.getString("professional_id"), rs.getString("credential_id"),
                                rs.getDate("valid_from").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                                UUID.fromString(rs.getString("event_id"))));
            }, credentialArgs.toArray());
        }

        Map<String, List<Award>> awards = new HashMap<>();
        jdbc.query("SELECT * FROM " + schema + ".award WHERE organisation_id IN " + in
                + " AND recorded_at <= ? ORDER BY won_on, event_id", rs -> {
            awards.computeIfAbsent(rs.getString("organisation_id"), k -> new ArrayList<>()).add(new Award(
                    rs.getString("award_id"), rs.getInt("season_year"), rs.getString("category"),
                    rs.getDate("won_on").toLocalDate(), UUID.fromString(rs.getString("event_id"))));
        }, knownParams);

        for (String id : organisationIds) {
            List<Employment> employed = new ArrayList<>(employments.getOrDefault(id, Map.of()).values());
            List<Credential> held = employed.stream().map(Employment::professionalId).distinct()
                    .flatMap(p -> credentials.getOrDefault(p, List.of()).stream()).toList();
            result.put(id, new OrganisationHistory(new ArrayList<>(certificates.getOrDefault(id, Map.of()).values()),
                    employed, held, awards.getOrDefault(id, List.of())));
        }
        return result;
    }

    private static Instant known(Instant knownAt) {
        return knownAt == null ? END_OF_TIME : knownAt;
    }

    /** A history row's payload as the event it was written from ({@code event_type} names one of {@link #EVENT_TYPES}). */
    private LedgerEvent event(String eventType, String payload) {
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

    private static CertificateView view(Certificate c, String organisationId) {
        return new CertificateView(c.number(), organisationId, c.tier().name(), c.standardVersion(), c.awardedOn(),
                c.validUntil(), c.auditId());
    }

    public static CertificateView view(Standing standing, String organisationId) {
        return standing.certificate() == null ? null : view(standing.certificate(), organisationId);
    }

    private static OrganisationSummary summary(ResultSet rs, int row) throws SQLException {
        return new OrganisationSummary(rs.getString("organisation_id"), rs.getString("name"),
                rs.getString("country"), rs.getString("member_body"));
    }

    record Row(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt, String summary,
               LedgerEvent event) {
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

        static List<HistoryEntry> of(List<Row> rows) {
            Causes causes = new Causes();
            rows.forEach(row -> row.event().accept(causes.new Index(row)));
            causes.reports.sort(Comparator.comparing(Row::recordedAt));
            List<HistoryEntry> entries = new ArrayList<>();
            for (Row row : rows) {
                LinkedHashSet<String> ids = new LinkedHashSet<>();
                row.event().accept(causes.new Cause(row, ids));
                ids.remove(null);
                entries.add(new HistoryEntry(row.eventId(), row.eventType(), row.effectiveOn(), row.recordedAt(),
                        row.summary(), List.copyOf(ids), causes.revokedBy.get(row.eventId())));
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
