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
 * and status on {@code asOf} from the standing periods {@link Standings} keeps; sorted by folded name then id, so
 * pages are stable. No standing is worked out per request.
 */
@Component
public class SearchReader {

    private final JdbcTemplate jdbc;
    private final Generations generations;

    public SearchReader(JdbcTemplate jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
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
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.q() != null && !query.q().isBlank()) {
            for (String word : RegistryProjection.fold(query.q()).split("\\s+")) {
                if (!word.isEmpty()) {
                    where.append(" AND o.name_folded LIKE ? ESCAPE '\\'");
                    args.add("%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
            }
        }
        if (query.country() != null && !query.country().isBlank()) {
            where.append(" AND o.country = ?");
            args.add(query.country().strip().toUpperCase());
        }
        if (query.memberBody() != null && !query.memberBody().isBlank()) {
            where.append(" AND o.member_body = ?");
            args.add(query.memberBody().strip().toUpperCase());
        }
        if (query.tier() != null) {
            where.append(" AND coalesce(p.tier, 'NONE') = ?");
            args.add(query.tier().name());
        }
        if (query.status() != null) {
            where.append(" AND p.status = ?");
            args.add(query.status().name());
        }
        String from = " FROM " + schema + ".organisation o LEFT JOIN " + schema + ".standing_period p "
                + "ON p.organisation_id = o.organisation_id AND p.from_on <= ? AND (p.until_on IS NULL OR p.until_on > ?)";
        List<Object> all = new ArrayList<>(List.of(asOf, asOf));
        all.addAll(args);
        Long total = jdbc.queryForObject("SELECT count(*)" + from + where, Long.class, all.toArray());
        all.add(query.size());
        all.add((long) query.page() * query.size());
        List<Hit> hits = jdbc.query("SELECT o.organisation_id, o.name, o.country, o.member_body, p.tier, p.status, "
                + "p.certificate_number" + from + where + " ORDER BY o.name_folded, o.organisation_id LIMIT ? OFFSET ?",
                (rs, i) -> new Hit(Histories.summary(rs, i),
                        rs.getString("tier") == null ? Tier.NONE : Tier.valueOf(rs.getString("tier")),
                        rs.getString("status") == null ? null : CertificateStatus.valueOf(rs.getString("status")),
                        rs.getString("certificate_number")), all.toArray());
        return new SearchResult(total == null ? 0 : total, hits);
    }
}
