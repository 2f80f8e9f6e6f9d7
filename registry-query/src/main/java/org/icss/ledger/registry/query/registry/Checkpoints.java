package org.icss.ledger.registry.query.registry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The daily checkpoints of the tamper-evident history: once a day, the Merkle root over every organisation's chain
 * head ({@link HistoryChain}), signed, with the leaves kept so that an organisation's inclusion can be proven. Only
 * the latest checkpoint's leaves are kept; every day's signed root stays.
 */
public class Checkpoints {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final BiFunction<LocalDate, Map<String, Object>, String> signer;

    /**
     * @param signer signs a checkpoint's claims ({@code day}, {@code root}, {@code size}) as a compact JWS
     */
    public Checkpoints(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock,
                       BiFunction<LocalDate, Map<String, Object>, String> signer) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.signer = signer;
    }

    public record Checkpoint(LocalDate day, String root, int size, String signed) {
    }

    /** The leaf of one organisation in a checkpoint: its position among the leaves and the head it covers. */
    public record Leaf(int position, String head) {
    }

    /** Makes today's checkpoint of {@code schema} unless it exists (another replica may make it first). */
    public void ensureToday(String schema) {
        LocalDate today = LocalDate.now(clock);
        if (latest(schema).map(c -> c.day().equals(today)).orElse(false)) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            // one replica at a time per generation; a second finds the checkpoint made and stops
            jdbc.queryForList("SELECT pg_advisory_xact_lock(hashtext(?))", "checkpoint:" + schema);
            if (jdbc.queryForObject("SELECT count(*) FROM " + schema + ".checkpoint WHERE day = ?", Integer.class,
                    Date.valueOf(today)) > 0) {
                return;
            }
            List<String> organisations = new ArrayList<>();
            List<String> heads = new ArrayList<>();
            jdbc.query("SELECT organisation_id, chain_head FROM " + schema + ".standing WHERE chain_head IS NOT NULL "
                    + "ORDER BY organisation_id", rs -> {
                organisations.add(rs.getString(1));
                heads.add(rs.getString(2));
            });
            List<String> leaves = new ArrayList<>(organisations.size());
            for (int i = 0; i < organisations.size(); i++) {
                leaves.add(HistoryChain.leaf(organisations.get(i), heads.get(i)));
            }
            String root = HistoryChain.root(leaves);
            String signed = signer.apply(today, Map.of("day", today.toString(), "root", root,
                    "size", organisations.size()));
            jdbc.update("DELETE FROM " + schema + ".checkpoint_leaf");
            jdbc.update("INSERT INTO " + schema + ".checkpoint (day, root, size, signed, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", Date.valueOf(today), root, organisations.size(), signed,
                    Timestamp.from(clock.instant()));
            List<Object[]> rows = new ArrayList<>(organisations.size());
            for (int i = 0; i < organisations.size(); i++) {
                rows.add(new Object[]{Date.valueOf(today), i, organisations.get(i), heads.get(i)});
            }
            jdbc.batchUpdate("INSERT INTO " + schema + ".checkpoint_leaf (day, position, organisation_id, head) "
                    + "VALUES (?, ?, ?, ?)", rows);
        });
    }

    public Optional<Checkpoint> latest(String schema) {
        return jdbc.query("SELECT day, root, size, signed FROM " + schema + ".checkpoint ORDER BY day DESC LIMIT 1",
                (rs, i) -> new Checkpoint(rs.getDate("day").toLocalDate(), rs.getString("root"), rs.getInt("size"),
                        rs.getString("signed"))).stream().findFirst();
    }

    /** The organisation's leaf in the checkpoint of {@code day}; empty when it had no history then. */
    public Optional<Leaf> leaf(String schema, LocalDate day, String organisationId) {
        return jdbc.query("SELECT position, head FROM " + schema + ".checkpoint_leaf WHERE day = ? "
                + "AND organisation_id = ?", (rs, i) -> new Leaf(rs.getInt(1), rs.getString(2)), Date.valueOf(day),
                organisationId).stream().findFirst();
    }

    /** Every leaf hash of the checkpoint of {@code day}, in order (to build an inclusion path). */
    public List<String> leaves(String schema, LocalDate day) {
        return jdbc.query("SELECT organisation_id, head FROM " + schema + ".checkpoint_leaf WHERE day = ? "
                + "ORDER BY position", (rs, i) -> HistoryChain.leaf(rs.getString(1), rs.getString(2)),
                Date.valueOf(day));
    }
}
