package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.Histories.OrganisationSummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Registry search in SQL: folded-name words (a trigram index), country and member body on the organisations, tier
 * and status on {@code asOf}: today from the tier, status and certificate each organisation's kept answer row holds,
 * another date from the standing periods {@link Standings} keeps; sorted by folded name then id, so pages are stable.
 * No standing is worked out per request.
 */
@Component
public class SearchReader {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final Standings standings;

    public SearchReader(JdbcTemplate jdbc, Generations generations, Standings standings) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.standings = standings;
    }

    /** One search hit with its standing on the date searched. */
    public record Hit(OrganisationSummary organisation, Tier tier, CertificateStatus status, String certificateNumber) {
    }

    public record SearchResult(long total, List<Hit> items) {
    }

    public record SearchQuery(String q, String country, String memberBody, Tier tier, CertificateStatus status,
                              LocalDate asOf, int page, int size) {
    }

    /**
     * Organisations whose folded name contains every word of {@code q}, of the country and member body, with the
     * tier and status on {@code asOf} asked for.
     */
    public SearchResult search(SearchQuery query) {
        String schema = generations.currentSchema();
        Date asOf = Date.valueOf(query.asOf());
        StringBuilder names = new StringBuilder();
        List<Object> nameArgs = new ArrayList<>();
        boolean hasWords = false;
        if (query.q() != null && !query.q().isBlank()) {
            for (String word : RegistryProjection.fold(query.q()).split("\\s+")) {
                if (!word.isEmpty()) {
                    names.append(" AND o.name_folded LIKE ? ESCAPE '\\'");
                    hasWords = true;
                    nameArgs.add("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
            }
        }
        if (query.country() != null && !query.country().isBlank()) {
            names.append(" AND o.country = ?");
            nameArgs.add(query.country().strip().toUpperCase());
        }
        if (query.memberBody() != null && !query.memberBody().isBlank()) {
            names.append(" AND o.member_body = ?");
            nameArgs.add(query.memberBody().strip().toUpperCase());
        }
        StringBuilder standing = new StringBuilder();
        List<Object> standingArgs = new ArrayList<>();
        boolean none = query.tier() == Tier.NONE;
        if (query.tier() != null && !none) {
            standing.append(" AND p.tier = ?");
            standingArgs.add(query.tier().name());
        }
        if (query.status() != null) {
            standing.append(" AND p.status = ?");
            standingArgs.add(query.status().name());
        }
        // today, when every kept answer is good for today: the tier, status and certificate each organisation's
        // answer row keeps (one row per organisation, indexed by tier); another date: the standing periods over it
        boolean today = query.asOf().equals(standings.today()) && allAnswersHoldToday(schema, asOf);
        String table = today ? ".standing p" : ".standing_period p";
        String on = today ? " TRUE" : " p.from_on <= ? AND (p.until_on IS NULL OR p.until_on > ?)";
        List<Object> onArgs = today ? List.of() : List.of(asOf, asOf);
        // an organisation without periods yet (its first events are being computed) stands at NONE
        String join = query.tier() != null && !none || query.status() != null ? " JOIN " : " LEFT JOIN ";
        String from = " FROM " + schema + ".organisation o" + join + schema + table
                + " ON p.organisation_id = o.organisation_id AND" + on;
        String where = " WHERE 1 = 1" + names + standing + (none ? " AND (p.tier IS NULL OR p.tier = 'NONE')" : "");
        List<Object> args = new ArrayList<>(onArgs);
        args.addAll(nameArgs);
        args.addAll(standingArgs);

        Long total;
        if (standing.isEmpty() && !none) {
            // no filter on the standing: count the organisations alone
            total = jdbc.queryForObject("SELECT count(*) FROM " + schema + ".organisation o WHERE 1 = 1" + names,
                    Long.class, nameArgs.toArray());
        } else if (names.isEmpty() && !none) {
            // only the standing: count its rows alone (an index-only scan)
            List<Object> periodArgs = new ArrayList<>(onArgs);
            periodArgs.addAll(standingArgs);
            total = jdbc.queryForObject("SELECT count(*) FROM " + schema + table + " WHERE" + on + standing,
                    Long.class, periodArgs.toArray());
        } else {
            total = jdbc.queryForObject("SELECT count(*)" + from + where, Long.class, args.toArray());
        }
        args.add(query.size());
        args.add((long) query.page() * query.size());
        // with a tier, the (tier, folded name, id) index of the kept answers (today) or of the periods (another date)
        // gives the order: the same order, as both carry the organisation's folded name
        // with words to find, the trigram index finds the few organisations that have them and their page is sorted
        // (the same order): "|| ''" keeps the planner from walking the name index in order instead, which reads
        // every name before the first match (a word that starts names late in the alphabet read most of the table)
        String byName = hasWords ? " || ''" : "";
        String order = query.tier() != null && !none ? " ORDER BY p.name_folded" + byName + ", p.organisation_id"
                : " ORDER BY o.name_folded" + byName + ", o.organisation_id";
        List<Hit> hits = jdbc.query("SELECT o.organisation_id, o.name, o.country, o.member_body, p.tier, p.status, "
                + "p.certificate_number" + from + where + order + " LIMIT ? OFFSET ?",
                (rs, i) -> new Hit(Histories.summary(rs, i),
                        rs.getString("tier") == null ? Tier.NONE : Tier.valueOf(rs.getString("tier")),
                        rs.getString("status") == null ? null : CertificateStatus.valueOf(rs.getString("status")),
                        rs.getString("certificate_number")), args.toArray());
        return new SearchResult(total == null ? 0 : total, hits);
    }

    /**
     * Whether no kept answer has run out by {@code today} (just after midnight, or when the background is behind,
     * some have until it computes them again): one look at the index of the days answers run out on.
     */
    private boolean allAnswersHoldToday(String schema, Date today) {
        return !Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM " + schema + ".standing "
                + "WHERE NOT dirty AND changes_on <= ?)", Boolean.class, today));
    }
}
