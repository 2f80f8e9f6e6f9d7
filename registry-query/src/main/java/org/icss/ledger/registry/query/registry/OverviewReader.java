package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry at a glance, for its home page: how many organisations are certified on a date, by tier and by
 * country (from the standing periods), and the latest certificate awards and status changes (from the compliance
 * history, revoked ones left out). Only queries.
 */
@Component
public class OverviewReader {

    /** The certificate events the home page lists as the latest certifications and changes, and what each means. */
    private static final Map<String, String> CHANGES = Map.of(
            name(GoldAwarded.class), "GOLD_AWARDED",
            name(CertificationGranted.class), "CERTIFIED",
            name(CertificationSuspended.class), "SUSPENDED",
            name(CertificationReinstated.class), "REINSTATED",
            name(CertificationWithdrawn.class), "WITHDRAWN",
            name(CertificationExpired.class), "EXPIRED");

    private final JdbcTemplate jdbc;
    private final Generations generations;

    public OverviewReader(JdbcTemplate jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    /** Certified organisations of one country (or of all, country null), by tier and in all. */
    public record Count(String country, long platinum, long gold, long certified, long total) {

        Count(String country, long platinum, long gold, long certified) {
            this(country, platinum, gold, certified, platinum + gold + certified);
        }
    }

    /** A certificate awarded or changed: when, to whom, and what happened. */
    public record Change(LocalDate on, Instant recordedAt, String organisationId, String organisationName,
                         String certificateNumber, String change) {
    }

    public record Overview(LocalDate asOf, Count all, List<Count> byCountry, List<Change> latest) {
    }

    public Overview overview(LocalDate asOf, int latest) {
        String schema = generations.currentSchema();
        Map<String, long[]> byCountry = new TreeMap<>();
        jdbc.query("SELECT o.country, p.tier, count(*) AS n FROM " + schema + ".standing_period p JOIN " + schema
                + ".organisation o ON o.organisation_id = p.organisation_id WHERE p.tier <> 'NONE' AND p.from_on <= ? "
                + "AND (p.until_on IS NULL OR p.until_on > ?) GROUP BY o.country, p.tier", rs -> {
            long[] tiers = byCountry.computeIfAbsent(rs.getString("country"), k -> new long[3]);
            tiers[index(Tier.valueOf(rs.getString("tier")))] += rs.getLong("n");
        }, Date.valueOf(asOf), Date.valueOf(asOf));
        List<Count> counts = new ArrayList<>();
        long[] all = new long[3];
        byCountry.forEach((country, tiers) -> {
            counts.add(new Count(country, tiers[0], tiers[1], tiers[2]));
            for (int i = 0; i < 3; i++) {
                all[i] += tiers[i];
            }
        });
        counts.sort((a, b) -> Long.compare(b.total(), a.total()) != 0 ? Long.compare(b.total(), a.total())
                : a.country().compareTo(b.country()));
        List<Change> changes = jdbc.query("SELECT h.effective_on, h.recorded_at, h.organisation_id, o.name, "
                + "h.event_type, h.payload ->> 'certificateNumber' AS certificate_number FROM " + schema
                + ".history_entry h JOIN " + schema + ".organisation o ON o.organisation_id = h.organisation_id "
                + "WHERE h.event_type = ANY (?) AND h.revoked_by IS NULL AND h.effective_on <= ? "
                + "ORDER BY h.recorded_at DESC, h.event_id LIMIT ?", (rs, i) -> new Change(
                rs.getDate("effective_on").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                rs.getString("organisation_id"), rs.getString("name"), rs.getString("certificate_number"),
                CHANGES.get(rs.getString("event_type"))), jdbc.execute((java.sql.Connection con) ->
                con.createArrayOf("varchar", CHANGES.keySet().toArray())), Date.valueOf(asOf), latest);
        return new Overview(asOf, new Count(null, all[0], all[1], all[2]), counts, changes);
    }

    /** Where a certified tier is counted; NONE is never counted (the query leaves it out). */
    private static int index(Tier tier) {
        return switch (tier) {
            case PLATINUM -> 0;
            case GOLD -> 1;
            case CERTIFIED -> 2;
            case NONE -> throw new IllegalArgumentException("NONE is not a certified tier");
        };
    }

    private static String name(Class<? extends LedgerEvent> type) {
        return type.getSimpleName();
    }
}
