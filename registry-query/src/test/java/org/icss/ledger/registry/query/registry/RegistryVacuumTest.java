package org.icss.ledger.registry.query.registry;

import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** When the registry vacuums its busiest tables itself, and that it does, whatever the server's autovacuum. */
@ExtendWith(LedgerInfrastructureExtension.class)
class RegistryVacuumTest {

    @ParameterizedTest(name = "live {0}, dead {1}, inserted {2}, changed {3}: {4}")
    @CsvSource({
            // small tables: at least 500 rows changed
            "0,      0,    0,    0,    false",
            "100,    499,  0,    0,    false",
            "100,    500,  0,    0,    true",
            "100,    0,    500,  0,    true",
            "100,    0,    0,    500,  true",
            // large tables: 2 % of the live rows, by whichever count is highest
            "100000, 1999, 1999, 1999, false",
            "100000, 2000, 0,    0,    true",
            "100000, 0,    2000, 0,    true",
            "100000, 0,    0,    2000, true",
            "100001, 2000, 0,    0,    false",
            "100001, 2001, 0,    0,    true"})
    void aTableIsDueOnceTwoPercentOfItsRowsAndAtLeastFiveHundredChanged(long live, long dead, long inserted,
                                                                       long changed, boolean due) {
        assertThat(RegistryVacuum.due(live, dead, inserted, changed)).isEqualTo(due);
    }

    @Test
    void theStandingTableIsVacuumedOnceManyOfItsRowsWereRewritten(LedgerInfrastructure infra) {
        ReadModels models = new ReadModels(infra, "registry_vacuum");
        models.feed(Events.sampleRegistry());
        String schema = models.generations.currentSchema();
        try (RegistryVacuum vacuum = new RegistryVacuum(models.jdbc, models.generations, Duration.ZERO)) {
            vacuum.vacuumDue();
            // each rewrite of an organisation's answer changes a row, as events do
            for (int i = 0; i < 200; i++) {
                models.jdbc.update("UPDATE " + schema + ".standing SET version = version + 1");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> changedRows(models, schema) >= RegistryVacuum.MINIMUM);

            assertThat(vacuum.vacuumDue()).contains("standing");

            await().atMost(Duration.ofSeconds(30)).until(() -> changedRows(models, schema) == 0
                    && models.jdbc.queryForObject("SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables "
                    + "WHERE schemaname = ? AND relname = 'standing'", Boolean.class, schema));
            assertThat(vacuum.vacuumDue()).doesNotContain("standing");
        }
    }

    /** Rows changed since the table's last ANALYZE, as PostgreSQL's statistics count them. */
    private static long changedRows(ReadModels models, String schema) {
        Long changed = models.jdbc.queryForObject("SELECT n_mod_since_analyze FROM pg_stat_user_tables "
                + "WHERE schemaname = ? AND relname = 'standing'", Long.class, schema);
        return changed == null ? 0 : changed;
    }
}
