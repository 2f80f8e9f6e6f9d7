package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Award;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Credential;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Employment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Loads organisations' histories ({@link OrganisationHistory}) and summaries from a generation's tables, as known at
 * an instant: rows recorded at or before it, without events revoked by a revocation recorded at or before it. Any
 * number of organisations in a fixed number of queries, each binding the ids as one array (no list of parameters
 * per organisation), each using the organisation's index.
 */
@Component
public class Histories {

    /** "Everything recorded": later than any instant a row can carry. */
    public static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private final JdbcTemplate jdbc;

    public Histories(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record OrganisationSummary(String organisationId, String name, String country, String memberBody) {
    }

    public static Instant known(Instant knownAt) {
        return knownAt == null ? END_OF_TIME : knownAt;
    }

    public Optional<OrganisationSummary> organisation(String schema, String organisationId, Instant known) {
        return jdbc.query("SELECT organisation_id, name, country, member_body FROM " + schema + ".organisation "
                        + "WHERE organisation_id = ? AND recorded_at <= ?", Histories::summary, organisationId,
                Timestamp.from(known)).stream().findFirst();
    }

    /** The summaries of {@code organisationIds} known at {@code known}, by id. */
    public Map<String, OrganisationSummary> organisations(String schema, Collection<String> organisationIds,
                                                          Instant known) {
        Map<String, OrganisationSummary> found = new HashMap<>();
        if (!organisationIds.isEmpty()) {
            jdbc.query(con -> {
                var statement = con.prepareStatement("SELECT organisation_id, name, country, member_body FROM "
                        + schema + ".organisation WHERE organisation_id = ANY (?) AND recorded_at <= ?");
                statement.setArray(1, ids(con, organisationIds));
                statement.setTimestamp(2, Timestamp.from(known));
                return statement;
            }, rs -> {
                OrganisationSummary summary = summary(rs, 0);
                found.put(summary.organisationId(), summary);
            });
        }
        return found;
    }

    public static OrganisationSummary summary(ResultSet rs, int row) throws SQLException {
        return new OrganisationSummary(rs.getString("organisation_id"), rs.getString("name"),
                rs.getString("country"), rs.getString("member_body"));
    }

    /** The histories of {@code organisationIds} as known at {@code known}, in five queries whatever their number. */
    public Map<String, OrganisationHistory> histories(String schema, Collection<String> organisationIds,
                                                      Instant known) {
        Map<String, OrganisationHistory> result = new HashMap<>();
        if (organisationIds.isEmpty()) {
            return result;
        }
        List<String> ids = List.copyOf(organisationIds);
        Timestamp at = Timestamp.from(known);
        String notRevoked = " AND x.recorded_at <= ? AND NOT EXISTS (SELECT 1 FROM " + schema
                + ".revocation r WHERE r.revoked_event_id = x.event_id AND r.recorded_at <= ?)";

        Map<String, List<Change>> changes = new HashMap<>();
        query("SELECT x.event_id, x.certificate_number, x.status, x.effective_on FROM " + schema
                + ".certificate_change x WHERE x.organisation_id = ANY (?)" + notRevoked
                + " ORDER BY x.effective_on, x.recorded_at, x.event_id", ids, rs -> changes.computeIfAbsent(
                rs.getString("certificate_number"), k -> new ArrayList<>()).add(new Change(
                UUID.fromString(rs.getString("event_id")), rs.getDate("effective_on").toLocalDate(),
                CertificateStatus.valueOf(rs.getString("status")))), at, at);

        Map<String, Map<String, Certificate>> certificates = new HashMap<>();
        query("SELECT x.* FROM " + schema + ".certificate x WHERE x.organisation_id = ANY (?)" + notRevoked
                + " ORDER BY x.recorded_at, x.event_id", ids, rs -> {
            String number = rs.getString("certificate_number");
            certificates.computeIfAbsent(rs.getString("organisation_id"), k -> new LinkedHashMap<>()).put(number,
                    new Certificate(number, Tier.valueOf(rs.getString("tier")), rs.getString("standard_version"),
                            rs.getDate("awarded_on").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                            rs.getString("audit_id"), UUID.fromString(rs.getString("event_id")),
                            changes.getOrDefault(number, List.of())));
        }, at, at);

        Map<String, Map<String, Employment>> employments = new HashMap<>();
        query("SELECT * FROM " + schema + ".employment_change WHERE organisation_id = ANY (?) AND recorded_at <= ? "
                + "ORDER BY kind DESC, effective_on, event_id", ids, rs -> {
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
        }, at);

        Map<String, List<Credential>> credentials = new HashMap<>();
        List<String> professionals = employments.values().stream().flatMap(m -> m.values().stream())
                .map(Employment::professionalId).distinct().toList();
        if (!professionals.isEmpty()) {
            query("SELECT * FROM " + schema + ".credential WHERE professional_id = ANY (?) AND recorded_at <= ? "
                    + "ORDER BY valid_from, event_id", professionals, rs -> credentials.computeIfAbsent(
                    rs.getString("professional_id"), k -> new ArrayList<>()).add(new Credential(
                    rs.getString("professional_id"), rs.getString("credential_id"),
                    rs.getDate("valid_from").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                    UUID.fromString(rs.getString("event_id")))), at);
        }

        Map<String, List<Award>> awards = new HashMap<>();
        query("SELECT * FROM " + schema + ".award WHERE organisation_id = ANY (?) AND recorded_at <= ? "
                + "ORDER BY won_on, event_id", ids, rs -> awards.computeIfAbsent(rs.getString("organisation_id"),
                k -> new ArrayList<>()).add(new Award(rs.getString("award_id"), rs.getInt("season_year"),
                rs.getString("category"), rs.getDate("won_on").toLocalDate(),
                UUID.fromString(rs.getString("event_id")))), at);

        for (String id : ids) {
            List<Employment> employed = new ArrayList<>(employments.getOrDefault(id, Map.of()).values());
            List<Credential> held = employed.stream().map(Employment::professionalId).distinct()
                    .flatMap(p -> credentials.getOrDefault(p, List.of()).stream()).toList();
            result.put(id, new OrganisationHistory(new ArrayList<>(certificates.getOrDefault(id, Map.of()).values()),
                    employed, held, awards.getOrDefault(id, List.of())));
        }
        return result;
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** {@code sql} with the ids as its first parameter (one text array) and {@code more} after. */
    private void query(String sql, List<String> ids, RowHandler handler, Timestamp... more) {
        jdbc.query(con -> {
            var statement = con.prepareStatement(sql);
            statement.setArray(1, ids(con, ids));
            for (int i = 0; i < more.length; i++) {
                statement.setTimestamp(i + 2, more[i]);
            }
            return statement;
        }, rs -> {
            handler.row(rs);
        });
    }

    static java.sql.Array ids(Connection con, Collection<String> ids) throws SQLException {
        return con.createArrayOf("varchar", ids.toArray());
    }
}
