package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.Histories.OrganisationSummary;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.icss.ledger.registry.query.registry.StandingPolicy.TimelineEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An organisation's standing with its reasons, its timeline, and the Platinum list. Today's standing, as known now,
 * is read from the answer {@link Standings} keeps (one indexed read); a standing on another date or as known at an
 * instant is worked out from the organisation's history ({@link Histories}, its own indexes) by {@link StandingPolicy};
 * the Platinum list comes from the standing periods, in SQL.
 */
@Component
public class StandingReader {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final Histories histories;
    private final Standings standings;
    private final StandingPolicy policy;

    public StandingReader(JdbcTemplate jdbc, Generations generations, Histories histories, Standings standings,
                          StandingPolicy policy) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.histories = histories;
        this.standings = standings;
        this.policy = policy;
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

    /** A page of the Platinum list and how many organisations it has in all. */
    public record PlatinumPage(long total, List<OrganisationStanding> organisations) {
    }

    /**
     * Today's answer as kept, without its body: {@code tag} changes whenever the answer is computed again or the day
     * changes (an entity tag for conditional GETs); {@link #decode} reads the answer that {@code version} names.
     */
    public record Current(String organisationId, String tag, LocalDate day, String schema, long version) {
    }

    /**
     * Today's precomputed answer, brought up to date first if an event about it is pending; empty to compute. One
     * indexed read of the answer's version, not of the answer itself, so a conditional GET or an answer the web
     * layer already rendered costs no more.
     */
    public Optional<Current> current(String organisationId) {
        String schema = generations.currentSchema();
        LocalDate today = standings.today();
        Optional<Row> row = row(schema, organisationId);
        if (row.isPresent() && row.get().dirty()) {
            standings.refresh(schema, organisationId);
            row = row(schema, organisationId);
        }
        return row.filter(r -> !r.dirty() && r.answered() && r.computedOn() != null
                        && !today.isBefore(r.computedOn()) && (r.changesOn() == null || today.isBefore(r.changesOn())))
                .map(r -> new Current(organisationId, "\"" + schema + "." + r.version() + "." + today + "\"", today,
                        schema, r.version()));
    }

    /**
     * The kept answer as the standing on its day; one this version cannot read (kept by another version during a
     * rolling upgrade), or computed again since {@code current} was read, is worked out from the history instead.
     */
    public OrganisationStanding decode(Current current) {
        String json = jdbc.query("SELECT answer FROM " + current.schema() + ".standing WHERE organisation_id = ? "
                + "AND version = ?", (rs, i) -> rs.getString(1), current.organisationId(), current.version())
                .stream().findFirst().orElse(null);
        if (json == null) {
            return computed(current.organisationId(), current.day(), null).orElseThrow(() ->
                    new IllegalStateException("organisation " + current.organisationId() + " has no standing"));
        }
        return decode(current.organisationId(), current.day(), json);
    }

    private OrganisationStanding decode(String organisationId, LocalDate day, String json) {
        try {
            Standings.Answer answer = standings.fromJson(json);
            return new OrganisationStanding(answer.organisation(), answer.standing().onDay(day), answer.awards());
        } catch (IllegalStateException unreadable) {
            return computed(organisationId, day, null).orElseThrow(() -> unreadable);
        }
    }

    private record Row(boolean dirty, long version, LocalDate computedOn, LocalDate changesOn, boolean answered) {
    }

    private Optional<Row> row(String schema, String organisationId) {
        return jdbc.query("SELECT dirty, version, computed_on, changes_on, answer IS NOT NULL AS answered FROM "
                + schema + ".standing WHERE organisation_id = ?", (rs, i) -> new Row(rs.getBoolean("dirty"),
                rs.getLong("version"), date(rs.getDate("computed_on")), date(rs.getDate("changes_on")),
                rs.getBoolean("answered")), organisationId).stream().findFirst();
    }

    private static LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    public Optional<OrganisationStanding> standing(String organisationId, LocalDate asOf, Instant knownAt) {
        if (knownAt == null && asOf.equals(standings.today())) {
            Optional<Current> current = current(organisationId);
            if (current.isPresent()) {
                return current.map(this::decode);
            }
        }
        return computed(organisationId, asOf, knownAt);
    }

    private Optional<OrganisationStanding> computed(String organisationId, LocalDate asOf, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = Histories.known(knownAt);
        return histories.organisation(schema, organisationId, known).map(organisation -> {
            OrganisationHistory history = histories.histories(schema, List.of(organisationId), known)
                    .get(organisationId);
            return new OrganisationStanding(organisation, policy.standingOn(asOf, history), awards(history, asOf));
        });
    }

    public Optional<Timeline> timeline(String organisationId, LocalDate through, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = Histories.known(knownAt);
        return histories.organisation(schema, organisationId, known).map(organisation -> new Timeline(organisation,
                policy.timeline(histories.histories(schema, List.of(organisationId), known).get(organisationId),
                        through)));
    }

    /**
     * The organisations that are Platinum on {@code asOf}, by folded name then id, a page at a time. As known now,
     * the page is read from the standing periods; as known at an instant, every organisation that held Gold by then
     * is worked out (an audit of the past, not a public hot path).
     */
    public PlatinumPage platinum(LocalDate asOf, Instant knownAt, int page, int size) {
        String schema = generations.currentSchema();
        if (knownAt != null) {
            return platinumKnownAt(schema, asOf, knownAt, page, size);
        }
        String where = " FROM " + schema + ".standing_period WHERE tier = 'PLATINUM' AND from_on <= ? "
                + "AND (until_on IS NULL OR until_on > ?)";
        Long total = jdbc.queryForObject("SELECT count(*)" + where, Long.class, Date.valueOf(asOf),
                Date.valueOf(asOf));
        List<String> ids = jdbc.queryForList("SELECT organisation_id" + where
                        + " ORDER BY name_folded, organisation_id LIMIT ? OFFSET ?", String.class, Date.valueOf(asOf),
                Date.valueOf(asOf), size, (long) page * size);
        List<OrganisationStanding> found = new ArrayList<>();
        List<String> compute = new ArrayList<>(ids);
        if (asOf.equals(standings.today())) {
            // the page's kept answers in one read; an organisation whose answer is pending or ran out is computed
            jdbc.query(con -> {
                var statement = con.prepareStatement("SELECT organisation_id, answer FROM " + schema + ".standing "
                        + "WHERE organisation_id = ANY (?) AND NOT dirty AND answer IS NOT NULL AND computed_on <= ? "
                        + "AND (changes_on IS NULL OR changes_on > ?)");
                statement.setArray(1, Histories.ids(con, ids));
                statement.setDate(2, Date.valueOf(asOf));
                statement.setDate(3, Date.valueOf(asOf));
                return statement;
            }, rs -> {
                compute.remove(rs.getString("organisation_id"));
                found.add(decode(rs.getString("organisation_id"), asOf, rs.getString("answer")));
            });
        }
        if (!compute.isEmpty()) {
            Map<String, OrganisationSummary> organisations = histories.organisations(schema, compute,
                    Histories.END_OF_TIME);
            Map<String, OrganisationHistory> all = histories.histories(schema, organisations.keySet(),
                    Histories.END_OF_TIME);
            organisations.forEach((id, organisation) -> found.add(new OrganisationStanding(organisation,
                    policy.standingOn(asOf, all.get(id)), awards(all.get(id), asOf))));
        }
        found.sort((a, b) -> Integer.compare(ids.indexOf(a.organisation().organisationId()),
                ids.indexOf(b.organisation().organisationId())));
        return new PlatinumPage(total == null ? 0 : total, found.stream()
                .filter(s -> s.standing().tier() == Tier.PLATINUM).toList());
    }

    private PlatinumPage platinumKnownAt(String schema, LocalDate asOf, Instant knownAt, int page, int size) {
        List<OrganisationSummary> candidates = jdbc.query("SELECT organisation_id, name, country, member_body FROM "
                + schema + ".organisation o WHERE o.recorded_at <= ? AND EXISTS (SELECT 1 FROM " + schema
                + ".certificate c WHERE c.organisation_id = o.organisation_id AND c.tier = 'GOLD' "
                + "AND c.awarded_on <= ? AND c.recorded_at <= ?) ORDER BY name_folded, organisation_id",
                Histories::summary, Timestamp.from(knownAt), Date.valueOf(asOf), Timestamp.from(knownAt));
        Map<String, OrganisationHistory> all = histories.histories(schema,
                candidates.stream().map(OrganisationSummary::organisationId).toList(), knownAt);
        List<OrganisationStanding> platinum = new ArrayList<>();
        for (OrganisationSummary organisation : candidates) {
            OrganisationHistory history = all.get(organisation.organisationId());
            Standing standing = policy.standingOn(asOf, history);
            if (standing.tier() == Tier.PLATINUM) {
                platinum.add(new OrganisationStanding(organisation, standing, awards(history, asOf)));
            }
        }
        int from = (int) Math.min(platinum.size(), (long) page * size);
        return new PlatinumPage(platinum.size(), platinum.subList(from, Math.min(platinum.size(), from + size)));
    }

    /** The ISEA wins up to {@code date}. */
    static List<AwardView> awards(OrganisationHistory history, LocalDate date) {
        return history.awards().stream().filter(a -> !a.wonOn().isAfter(date))
                .map(a -> new AwardView(a.awardId(), a.seasonYear(), a.category(), a.wonOn())).toList();
    }

    static CertificateView view(Certificate c, String organisationId) {
        return new CertificateView(c.number(), organisationId, c.tier().name(), c.standardVersion(), c.awardedOn(),
                c.validUntil(), c.auditId());
    }

    public static CertificateView view(Standing standing, String organisationId) {
        return standing.certificate() == null ? null : view(standing.certificate(), organisationId);
    }
}
