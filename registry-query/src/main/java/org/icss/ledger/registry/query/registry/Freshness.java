package org.icss.ledger.registry.query.registry;

import org.icss.ledger.platform.positions.Position;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Whether the registry shows what a write recorded ({@link Position}), answered from the generation that answers
 * reads now ({@link Generations#currentSchema}):
 * <ul>
 *   <li><b>applied</b>: the projection has applied the event to that generation: its id is among the generation's
 *   {@code processed_event} rows (consumer {@code registry:<schema>}), written in the transaction of the event's
 *   rows. An organisation's own lookup shows it from then on (a reader brings a marked organisation up to date).
 *   A replay builds a new generation from the topics and answers only once it is complete, so a replay never makes
 *   an applied position unapplied; the pointer's switch itself moves to a generation that has every event;</li>
 *   <li><b>caughtUp</b>: applied, and the precomputed answers that search, the Platinum list and the home page's
 *   counts read have been computed with it: the organisation the event is about (or, for a professional's
 *   credential, each organisation employing the professional) is no longer marked for computing.</li>
 * </ul>
 * The event id is global, so partitions, segments and the order in which they are read do not matter.
 */
@Component
public class Freshness {

    private final JdbcTemplate jdbc;
    private final Generations generations;

    public Freshness(JdbcTemplate jdbc, Generations generations) {
        this.jdbc = jdbc;
        this.generations = generations;
    }

    public record Answer(Position position, boolean applied, boolean caughtUp) {
    }

    public Answer of(Position position) {
        return of(List.of(position)).get(position);
    }

    /** The answers for many positions with two queries, whatever their number (the waiting requests of one round). */
    public Map<Position, Answer> of(Collection<Position> positions) {
        String schema = generations.currentSchema();
        Set<UUID> applied = new HashSet<>(jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT event_id FROM processed_event WHERE consumer = ? "
                    + "AND event_id = ANY(?)");
            statement.setString(1, RegistryProjection.consumer(schema));
            statement.setArray(2, con.createArrayOf("uuid", positions.stream().map(Position::eventId)
                    .toArray(UUID[]::new)));
            return statement;
        }, (rs, row) -> rs.getObject(1, UUID.class)));
        List<String> keys = positions.stream().filter(p -> applied.contains(p.eventId())).map(Position::key)
                .distinct().toList();
        // the asked keys whose precomputed answers still wait: an organisation marked dirty, or a professional one of
        // whose employers is
        Set<String> pending = new HashSet<>();
        if (!keys.isEmpty()) {
            jdbc.query(con -> {
                Array array = con.createArrayOf("varchar", keys.toArray(String[]::new));
                var statement = con.prepareStatement("SELECT s.organisation_id, e.professional_id FROM " + schema
                        + ".standing s LEFT JOIN " + schema + ".employment_change e"
                        + " ON e.organisation_id = s.organisation_id AND e.professional_id = ANY(?)"
                        + " WHERE s.dirty AND (s.organisation_id = ANY(?) OR e.professional_id IS NOT NULL)");
                statement.setArray(1, array);
                statement.setArray(2, array);
                return statement;
            }, (java.sql.ResultSet rs) -> {
                pending.add(rs.getString(1));
                if (rs.getString(2) != null) {
                    pending.add(rs.getString(2));
                }
            });
        }
        Map<Position, Answer> answers = new LinkedHashMap<>();
        for (Position position : positions) {
            boolean isApplied = applied.contains(position.eventId());
            answers.put(position, new Answer(position, isApplied, isApplied && !pending.contains(position.key())));
        }
        return answers;
    }
}
