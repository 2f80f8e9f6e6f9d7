package org.icss.ledger.registry.query.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Vacuums the answering generation's busiest tables once enough of their rows changed, whatever the server's
 * autovacuum does. Every event about an organisation rewrites its {@code standing} row twice (marked dirty, then
 * computed) and its history entries once, so dead row versions pile up by the thousand under a stream of events;
 * until a vacuum, counting a tier or a country reads every page of the table instead of the index alone (a live
 * load of 10,000 organisations left search at 10 to 25 times the cost). PostgreSQL's autovacuum comes after 20 % of
 * a table changed by default, waits for its next round, and may be off (it is on this project's CI machines); so
 * every {@code interval} this reads {@code pg_stat_user_tables} for the tables in {@link #TABLES} and runs
 * {@code VACUUM (ANALYZE)} on each one {@link #due}. A plain VACUUM takes no lock that stops reads or writes.
 */
public class RegistryVacuum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistryVacuum.class);

    /**
     * The tables whose rows search and the Platinum list count: not {@code history_entry}, by far the largest (250 MB
     * at 10,000 organisations), which is read only by one organisation's id, so that its dead rows cost little and a
     * vacuum of it every round of a bulk load would cost a great deal.
     */
    static final List<String> TABLES = List.of("standing", "standing_period", "organisation");
    /** A table is vacuumed once this share of its live rows changed... */
    static final double FRACTION = 0.02;
    /** ...and at least this many, so that small registries are not vacuumed for a handful of rows. */
    static final long MINIMUM = 500;

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final ScheduledExecutorService executor;

    public RegistryVacuum(JdbcTemplate jdbc, Generations generations, Duration interval) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "registry-vacuum");
            thread.setDaemon(true);
            return thread;
        });
        if (!interval.isZero() && !interval.isNegative()) {
            executor.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Whether a table is worth a vacuum: its dead rows, its rows inserted since its last vacuum or its rows changed
     * since its last analyze reach {@link #FRACTION} of its live rows, and at least {@link #MINIMUM}.
     */
    static boolean due(long live, long dead, long insertedSinceVacuum, long modifiedSinceAnalyze) {
        long changed = Math.max(dead, Math.max(insertedSinceVacuum, modifiedSinceAnalyze));
        return changed >= Math.max(MINIMUM, (long) Math.ceil(FRACTION * live));
    }

    /** Vacuums the current generation's tables that are due; the names of those it vacuumed. */
    public List<String> vacuumDue() {
        String schema = generations.currentSchema();
        List<String> due = jdbc.query("SELECT relname, n_live_tup, n_dead_tup, n_ins_since_vacuum, "
                        + "n_mod_since_analyze FROM pg_stat_user_tables WHERE schemaname = ? AND relname = ANY (?)",
                (rs, i) -> due(rs.getLong("n_live_tup"), rs.getLong("n_dead_tup"), rs.getLong("n_ins_since_vacuum"),
                        rs.getLong("n_mod_since_analyze")) ? rs.getString("relname") : null,
                schema, TABLES.toArray(String[]::new)).stream().filter(java.util.Objects::nonNull).toList();
        due.forEach(table -> generations.vacuum(schema, table));
        return due;
    }

    private void round() {
        try {
            List<String> vacuumed = vacuumDue();
            if (!vacuumed.isEmpty()) {
                log.debug("vacuumed {}", vacuumed);
            }
        } catch (RuntimeException e) {
            log.warn("vacuuming the registry's tables failed; trying again in the next round", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
