package org.icss.ledger.registry.query.registry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The generations of the read models: one PostgreSQL schema each ({@code registry_g<N>}, tables from
 * {@code registry-query/generation.sql}). {@code registry_current} names the generation every read uses; it is
 * read once per request, so moving it (one UPDATE in one transaction) switches every later request at once while
 * requests under way finish on the old tables. The live projection writes to the current generation and to a
 * generation being built by a replay; the generation retired by a switch is kept until the next switch.
 */
@Component
public class Generations {

    public enum State { BUILDING, CURRENT, RETIRED, DROPPED, FAILED }

    private static final String TEMPLATE = "registry-query/generation.sql";
    private static final String STANDING_TEMPLATE = "registry-query/generation-standing.sql";
    /** How long a replica answers from the generation it read last before reading the pointer again. */
    private static final long CURRENT_TTL_NANOS = 1_000_000_000L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private volatile Current current;

    private record Current(String schema, long readAt) {
    }

    public Generations(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        ensureCurrent();
        upgradeWritable();
    }

    /**
     * The schema that answers reads now. The pointer is read at most once a second per replica: a switch made on
     * this replica counts at once, one made on another replica within a second.
     */
    public String currentSchema() {
        Current known = current;
        long now = System.nanoTime();
        if (known == null || now - known.readAt() > CURRENT_TTL_NANOS) {
            known = new Current(jdbc.queryForObject("SELECT g.schema_name FROM registry_current c "
                    + "JOIN registry_generation g ON g.generation = c.generation", String.class), now);
            current = known;
        }
        return known.schema();
    }

    public int currentGeneration() {
        Integer generation = jdbc.queryForObject("SELECT generation FROM registry_current", Integer.class);
        return generation == null ? 0 : generation;
    }

    /** The schemas the live projection writes to: the current one and any being built. */
    public List<String> writableSchemas() {
        return jdbc.queryForList("SELECT schema_name FROM registry_generation WHERE state IN ('CURRENT', 'BUILDING') "
                + "ORDER BY generation", String.class);
    }

    public static String schemaOf(int generation) {
        return "registry_g" + generation;
    }

    /** Creates the next generation's empty tables, in state BUILDING; returns its number. */
    public int createBuilding() {
        return transaction.execute(status -> {
            jdbc.execute("LOCK TABLE registry_generation IN EXCLUSIVE MODE");
            Integer last = jdbc.queryForObject("SELECT coalesce(max(generation), 0) FROM registry_generation",
                    Integer.class);
            int generation = (last == null ? 0 : last) + 1;
            create(generation, State.BUILDING);
            return generation;
        });
    }

    /**
     * Makes {@code generation} the one that answers, in one transaction: the pointer moves, the old current one is
     * RETIRED, and generations retired before it are dropped.
     */
    public void switchTo(int generation) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("LOCK TABLE registry_generation IN EXCLUSIVE MODE");
            List<Integer> older = jdbc.queryForList("SELECT generation FROM registry_generation WHERE state = 'RETIRED'",
                    Integer.class);
            jdbc.update("UPDATE registry_generation SET state = 'RETIRED' WHERE state = 'CURRENT'");
            jdbc.update("UPDATE registry_generation SET state = 'CURRENT', switched_at = now() WHERE generation = ?",
                    generation);
            jdbc.update("UPDATE registry_current SET generation = ?", generation);
            older.forEach(this::drop);
        });
        current = null;
    }

    /**
     * Vacuums every table of {@code generation} (a replay's, before it answers) and gathers the planner's statistics:
     * the vacuum marks the pages all-visible, so that counting a tier or a country is an index-only scan, and drops
     * the row versions the replay's own updates left behind. Runs outside any transaction (VACUUM must).
     */
    public void vacuum(int generation) {
        String schema = schemaOf(generation);
        jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = ?", String.class, schema)
                .forEach(table -> vacuum(schema, table));
    }

    /**
     * {@code VACUUM (ANALYZE)} of one table of a generation's {@code schema}: outside any transaction, as VACUUM must
     * be (the JdbcTemplate's connection is in auto-commit); it takes no lock that stops reads or writes.
     */
    public void vacuum(String schema, String table) {
        jdbc.execute("VACUUM (ANALYZE) " + schema + "." + table);
    }

    /** A failed replay's tables are dropped; the current generation answers on. */
    public void abandon(int generation) {
        transaction.executeWithoutResult(status -> {
            drop(generation);
            jdbc.update("UPDATE registry_generation SET state = 'FAILED' WHERE generation = ?", generation);
        });
    }

    private void ensureCurrent() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("LOCK TABLE registry_generation IN EXCLUSIVE MODE");
            Integer pointers = jdbc.queryForObject("SELECT count(*) FROM registry_current", Integer.class);
            if (pointers == null || pointers == 0) {
                create(1, State.CURRENT);
                jdbc.update("INSERT INTO registry_current (generation) VALUES (1)");
            }
        });
    }

    /**
     * The precomputed tables ({@code generation-standing.sql}, every statement idempotent) in every generation being
     * written: a generation made before they existed gets them, its organisations marked for computing.
     */
    private void upgradeWritable() {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("LOCK TABLE registry_generation IN EXCLUSIVE MODE");
            for (String schema : writableSchemas()) {
                execute(STANDING_TEMPLATE, schema);
                // answers kept in an older shape or wording are computed again, in the background
                Integer kept = jdbc.query("SELECT max(format) FROM " + schema + ".standing_format",
                        rs -> rs.next() ? (Integer) rs.getObject(1) : null);
                if (kept == null || kept != Standings.ANSWER_FORMAT) {
                    jdbc.update("UPDATE " + schema + ".standing SET dirty = TRUE WHERE NOT dirty");
                    keptFormat(schema);
                }
            }
        });
    }

    private void create(int generation, State state) {
        String schema = schemaOf(generation);
        execute(TEMPLATE, schema);
        execute(STANDING_TEMPLATE, schema);
        keptFormat(schema);
        jdbc.update("INSERT INTO registry_generation (generation, schema_name, state) VALUES (?, ?, ?)", generation,
                schema, state.name());
    }

    private void drop(int generation) {
        String schema = schemaOf(generation);
        jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        jdbc.update("DELETE FROM processed_event WHERE consumer = ?", RegistryProjection.consumer(schema));
        jdbc.update("UPDATE registry_generation SET state = 'DROPPED' WHERE generation = ?", generation);
    }

    private void keptFormat(String schema) {
        jdbc.update("DELETE FROM " + schema + ".standing_format");
        jdbc.update("INSERT INTO " + schema + ".standing_format (format) VALUES (?)", Standings.ANSWER_FORMAT);
    }

    private void execute(String template, String schema) {
        for (String statement : template(template).replace("{{schema}}", schema).split(";")) {
            String sql = statement.lines().filter(line -> !line.strip().startsWith("--"))
                    .reduce("", (a, b) -> a + "\n" + b).strip();
            if (!sql.isEmpty()) {
                jdbc.execute(sql);
            }
        }
    }

    private static String template(String name) {
        try (InputStream in = Generations.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
