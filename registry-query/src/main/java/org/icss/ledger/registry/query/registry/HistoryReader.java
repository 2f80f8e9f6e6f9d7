package org.icss.ledger.registry.query.registry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The compliance history: every event about an organisation with both clocks, and the causes and revocation that
 * {@link Standings} stored with each entry. Only queries.
 */
@Component
public class HistoryReader {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final Histories histories;
    private final Standings standings;

    public HistoryReader(JdbcTemplate jdbc, Generations generations, Histories histories, Standings standings) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.histories = histories;
        this.standings = standings;
    }

    /** An event in the compliance history with both clocks and the earlier events that caused it. */
    public record HistoryEntry(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt,
                               String summary, List<String> causedBy, String revokedBy) {
    }

    /**
     * Every event about the organisation recorded at or before {@code knownAt}, in business-date order, with the
     * ids of the events that caused each and of a later revocation (as known at {@code knownAt}: causes and
     * revocations recorded after it are left out).
     */
    public Optional<List<HistoryEntry>> history(String organisationId, Instant knownAt) {
        String schema = generations.currentSchema();
        Instant known = Histories.known(knownAt);
        if (histories.organisation(schema, organisationId, known).isEmpty()) {
            return Optional.empty();
        }
        Boolean dirty = jdbc.query("SELECT dirty FROM " + schema + ".standing WHERE organisation_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, organisationId);
        if (!Boolean.FALSE.equals(dirty)) {
            standings.refresh(schema, organisationId);
        }
        List<HistoryEntry> rows = jdbc.query("SELECT event_id, event_type, effective_on, recorded_at, summary, "
                + "caused_by, revoked_by FROM " + schema + ".history_entry WHERE organisation_id = ? "
                + "AND recorded_at <= ? ORDER BY effective_on, recorded_at, event_type, event_id", (rs, i) -> {
            Array causes = rs.getArray("caused_by");
            return new HistoryEntry(rs.getString("event_id"), rs.getString("event_type"),
                    rs.getDate("effective_on").toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                    rs.getString("summary"), causes == null ? List.of()
                    : Arrays.stream((Object[]) causes.getArray()).map(Object::toString).toList(),
                    rs.getString("revoked_by"));
        }, organisationId, Timestamp.from(known));
        if (knownAt == null) {
            return Optional.of(rows);
        }
        Set<String> recorded = new HashSet<>();
        rows.forEach(row -> recorded.add(row.eventId()));
        return Optional.of(rows.stream().map(row -> new HistoryEntry(row.eventId(), row.eventType(),
                row.effectiveOn(), row.recordedAt(), row.summary(),
                row.causedBy().stream().filter(recorded::contains).toList(),
                recorded.contains(row.revokedBy()) ? row.revokedBy() : null)).toList());
    }
}
