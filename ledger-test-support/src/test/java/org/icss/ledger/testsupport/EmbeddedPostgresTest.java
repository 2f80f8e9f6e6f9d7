package org.icss.ledger.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded path, forced: a port nothing listens on, as on a machine with a JDK and nothing else. The server
 * comes from the Maven Central binaries, answers a query as the role every service uses, and keeps its data when it
 * is stopped and started again. Run as root (as on CI machines), it runs as an unprivileged user.
 */
class EmbeddedPostgresTest {

    private static final Path DIRECTORY = Path.of("target", "embedded-postgres").toAbsolutePath();
    private final int port = RestartableKafka.freePort();

    @AfterEach
    void stop() {
        EmbeddedPostgres.stop(DIRECTORY);
    }

    /** Started by root on a machine without a postgres user: {@code nobody} runs it. */
    @Test
    void asRootWithoutAPostgresUserItRunsAsNobody() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root needs another user");
        Path directory = Path.of("target", "embedded-postgres-nobody").toAbsolutePath();
        System.setProperty(EmbeddedPostgres.RUN_AS_PROPERTY, "nobody");
        try {
            assertThat(EmbeddedPostgres.start(directory, port, "icss_nobody_check")).isTrue();
            try (Connection connection = DriverManager.getConnection(EmbeddedPostgres.jdbcUrl(port,
                    "icss_nobody_check"), "icss", "icss");
                 Statement statement = connection.createStatement();
                 ResultSet one = statement.executeQuery("SELECT 1")) {
                assertThat(one.next()).isTrue();
            }
            assertThat(Files.getOwner(directory.resolve("data")).getName()).isEqualTo("nobody");
        } finally {
            EmbeddedPostgres.stop(directory);
            System.clearProperty(EmbeddedPostgres.RUN_AS_PROPERTY);
        }
    }

    @Test
    void startsFromMavenCentralsBinariesAnswersAQueryAndKeepsItsDataBetweenRuns() throws Exception {
        assertThat(EmbeddedPostgres.answers(port)).isFalse();
        assertThat(EmbeddedPostgres.available()).isTrue();

        assertThat(EmbeddedPostgres.start(DIRECTORY, port, "icss_embedded_check")).isTrue();

        try (Connection connection = DriverManager.getConnection(EmbeddedPostgres.jdbcUrl(port,
                "icss_embedded_check"), "icss", "icss");
             Statement statement = connection.createStatement()) {
            try (ResultSet version = statement.executeQuery("SHOW server_version")) {
                assertThat(version.next()).isTrue();
                assertThat(version.getString(1)).startsWith("16.4");
            }
            statement.execute("CREATE TABLE IF NOT EXISTS kept (id INTEGER PRIMARY KEY)");
            statement.execute("INSERT INTO kept VALUES (1) ON CONFLICT DO NOTHING");
            try (ResultSet user = statement.executeQuery("SELECT usename FROM pg_stat_activity WHERE pid = "
                    + "pg_backend_pid()")) {
                assertThat(user.next()).isTrue();
                assertThat(user.getString(1)).isEqualTo("icss");
            }
        }
        assertThat(Files.exists(DIRECTORY.resolve("data").resolve("PG_VERSION"))).isTrue();
        if ("root".equals(System.getProperty("user.name"))) {
            // PostgreSQL refuses root: the cluster belongs to an unprivileged user
            assertThat(Files.getOwner(DIRECTORY.resolve("data")).getName()).isNotEqualTo("root");
        }

        EmbeddedPostgres.stop(DIRECTORY);
        assertThat(EmbeddedPostgres.answers(port)).isFalse();
        // started again (a later run): the same cluster, its data still there; a second start finds it running
        assertThat(EmbeddedPostgres.start(DIRECTORY, port)).isTrue();
        assertThat(EmbeddedPostgres.start(DIRECTORY, port)).isFalse();
        try (Connection connection = DriverManager.getConnection(EmbeddedPostgres.jdbcUrl(port,
                "icss_embedded_check"), "icss", "icss");
             Statement statement = connection.createStatement();
             ResultSet kept = statement.executeQuery("SELECT count(*) FROM kept")) {
            assertThat(kept.next()).isTrue();
            assertThat(kept.getInt(1)).isEqualTo(1);
        }
    }
}
