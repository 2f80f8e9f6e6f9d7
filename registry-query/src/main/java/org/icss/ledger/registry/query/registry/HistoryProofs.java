package org.icss.ledger.registry.query.registry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The proof of an organisation's compliance history: its chain of entries (each with its payload hash, the
 * previous entry's hash and its own), the head the latest checkpoint holds for it, the Merkle path from that head to
 * the checkpoint's root, and the checkpoint as the registry signed it. Canonical payloads only for callers allowed
 * to read the history (they hold scores); anyone can check the links, the inclusion and the signature.
 */
@Component
public class HistoryProofs {

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final Checkpoints checkpoints;
    private final Standings standings;

    public HistoryProofs(JdbcTemplate jdbc, Generations generations, Checkpoints checkpoints, Standings standings) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.checkpoints = checkpoints;
        this.standings = standings;
    }

    public record Entry(String eventId, String eventType, LocalDate effectiveOn, Instant recordedAt, String payload,
                        String payloadHash, String previousHash, String entryHash) {
    }

    /**
     * @param head      the organisation's chain head in the checkpoint (null: it had no history on that day)
     * @param inclusion the Merkle path from the head's leaf to the root ("L:"/"R:" + sibling hash)
     */
    public record Proof(String organisationId, List<Entry> entries, String head, int leafIndex, List<String> inclusion,
                        Checkpoints.Checkpoint checkpoint) {
    }

    public Optional<Proof> proof(String organisationId, boolean withPayloads) {
        String schema = generations.currentSchema();
        Boolean dirty = jdbc.query("SELECT dirty FROM " + schema + ".standing WHERE organisation_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : null, organisationId);
        if (dirty == null) {
            return Optional.empty();
        }
        if (dirty) {
            standings.refresh(schema, organisationId);
        }
        checkpoints.ensureToday(schema);
        Checkpoints.Checkpoint checkpoint = checkpoints.latest(schema).orElseThrow();
        List<Entry> entries = jdbc.query("SELECT event_id, event_type, effective_on, recorded_at, payload, "
                + "payload_hash, entry_hash FROM " + schema + ".history_entry WHERE organisation_id = ? "
                + "ORDER BY effective_on, recorded_at, event_type, event_id", (rs, i) -> new Entry(
                rs.getString("event_id"), rs.getString("event_type"), rs.getDate("effective_on").toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant(), withPayloads ? rs.getString("payload") : null,
                rs.getString("payload_hash"), null, rs.getString("entry_hash")), organisationId);
        List<Entry> linked = new java.util.ArrayList<>(entries.size());
        String previous = HistoryChain.GENESIS;
        for (Entry entry : entries) {
            linked.add(new Entry(entry.eventId(), entry.eventType(), entry.effectiveOn(), entry.recordedAt(),
                    entry.payload(), entry.payloadHash(), previous, entry.entryHash()));
            previous = entry.entryHash();
        }
        Optional<Checkpoints.Leaf> leaf = checkpoints.leaf(schema, checkpoint.day(), organisationId);
        List<String> inclusion = leaf.map(l -> HistoryChain.inclusion(checkpoints.leaves(schema, checkpoint.day()),
                l.position())).orElse(List.of());
        return Optional.of(new Proof(organisationId, linked, leaf.map(Checkpoints.Leaf::head).orElse(null),
                leaf.map(Checkpoints.Leaf::position).orElse(-1), inclusion, checkpoint));
    }
}
