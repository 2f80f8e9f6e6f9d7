package org.icss.ledger.testsupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server and a real KRaft Kafka broker for integration tests, started once per test JVM.
 * Where a Docker engine answers, both run in Testcontainers; otherwise PostgreSQL is the local server
 * ({@code ICSS_PG_HOST}, {@code ICSS_PG_PORT}, {@code ICSS_PG_USER}, {@code ICSS_PG_PASSWORD}; defaults
 * 127.0.0.1, 5432, icss, icss; the role needs CREATEDB) and Kafka is spring-kafka-test's in-process KRaft broker.
 * Each test asks for fresh databases and topics, so tests never see each other's data; the databases are
 * dropped when the JVM's tests end.
 */
public final class LedgerInfrastructure implements ExtensionContext.Store.CloseableResource {

    private static final Logger log = LoggerFactory.getLogger(LedgerInfrastructure.class);
    private static final int PARTITIONS = 3;

    private final boolean docker;
    private final PostgreSQLContainer<?> postgresContainer;
    private final KafkaContainer kafkaContainer;
    private final EmbeddedKafkaKraftBroker embeddedKafka;
    private final String pgHost;
    private final int pgPort;
    private final String pgUser;
    private final String pgPassword;
    private final List<String> createdDatabases = new ArrayList<>();
    private Path embeddedPostgres;
    private boolean embeddedStarted;

    private LedgerInfrastructure() {
        this.docker = dockerAvailable();
        if (docker) {
            log.info("Docker engine found: PostgreSQL and Kafka in Testcontainers");
            postgresContainer = new PostgreSQLContainer<>(DockerImageName.parse("postgres:16-alpine"))
                    .withUsername("icss").withPassword("icss");
            postgresContainer.start();
            kafkaContainer = new KafkaContainer(DockerImageName.parse("apache/kafka:3.9.1"));
            kafkaContainer.start();
            embeddedKafka = null;
            pgHost = postgresContainer.getHost();
            pgPort = postgresContainer.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
            pgUser = postgresContainer.getUsername();
            pgPassword = postgresContainer.getPassword();
        } else {
            log.info("No Docker engine: local PostgreSQL and an in-process KRaft broker");
            postgresContainer = null;
            kafkaContainer = null;
            embeddedKafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            embeddedKafka.afterPropertiesSet();
            pgHost = env("ICSS_PG_HOST", "127.0.0.1");
            pgPort = Integer.parseInt(env("ICSS_PG_PORT", "5432"));
            pgUser = env("ICSS_PG_USER", "icss");
            pgPassword = env("ICSS_PG_PASSWORD", "icss");
            if (embeddedWanted(pgHost, pgPort)) {
                embeddedPostgres = embeddedDirectory();
                log.info("No PostgreSQL answers at {}:{} and none is installed: an embedded PostgreSQL {} in {}",
                        pgHost, pgPort, EmbeddedPostgres.VERSION, embeddedPostgres);
                embeddedStarted = EmbeddedPostgres.start(embeddedPostgres, pgPort);
            }
        }
    }

    /**
     * The embedded PostgreSQL ({@link EmbeddedPostgres}) is the last resort: nothing answers at a local address and
     * no server is installed ({@link PrivatePostgres#available()}), or {@code ICSS_PG_EMBEDDED=true} asks for it
     * whenever nothing answers. An answering server, or an installed one (which {@code deploy/run-local.sh postgres}
     * starts), takes precedence.
     */
    private static boolean embeddedWanted(String host, int port) {
        boolean local = host.equals("127.0.0.1") || host.equals("localhost");
        if (!local || EmbeddedPostgres.answers(port)) {
            return false;
        }
        return "true".equalsIgnoreCase(env("ICSS_PG_EMBEDDED", "false")) || !PrivatePostgres.available();
    }

    /** {@code <run folder>/postgres}: {@code ICSS_RUN_DIR}, or the repository's {@code .run} (where mvnw is). */
    static Path embeddedDirectory() {
        String configured = System.getenv("ICSS_RUN_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().resolve("postgres");
        }
        Path directory = Path.of("").toAbsolutePath();
        for (Path at = directory; at != null; at = at.getParent()) {
            if (Files.exists(at.resolve("mvnw")) && Files.exists(at.resolve("ledger-test-support"))) {
                return at.resolve(".run").resolve("postgres");
            }
        }
        return directory.resolve(".run").resolve("postgres");
    }

    static LedgerInfrastructure start() {
        return new LedgerInfrastructure();
    }

    public boolean runsInDocker() {
        return docker;
    }

    /** Creates an empty database named from {@code prefix} and a random suffix; returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        execute("postgres", "CREATE DATABASE " + name);
        synchronized (createdDatabases) {
            createdDatabases.add(name);
        }
        return name;
    }

    /**
     * A fresh database (see {@link #createDatabase}) with the Flyway migrations at {@code locations} applied, e.g.
     * {@code "classpath:db/platform", "classpath:db/registry-query"}: a service's tables without the service.
     */
    public DataSource migratedDatabase(String prefix, String... locations) {
        DataSource dataSource = new DriverManagerDataSource(jdbcUrl(createDatabase(prefix)), pgUser, pgPassword);
        Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
        return dataSource;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    public String pgHost() {
        return pgHost;
    }

    public int pgPort() {
        return pgPort;
    }

    public String username() {
        return pgUser;
    }

    public String password() {
        return pgPassword;
    }

    public String kafkaBootstrapServers() {
        return docker ? kafkaContainer.getBootstrapServers() : embeddedKafka.getBrokersAsString();
    }

    /** Creates each topic with three partitions, unless it exists. */
    public void createTopics(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("creating topic " + topic, e);
                    }
                }
            }
        } catch (Exception e) {
            if (e instanceof IllegalStateException ise) {
                throw ise;
            }
            throw new IllegalStateException("creating topics " + Arrays.toString(topics), e);
        }
    }

    @Override
    public void close() {
        synchronized (createdDatabases) {
            for (String database : createdDatabases) {
                try {
                    execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                } catch (RuntimeException e) {
                    log.warn("could not drop test database {}: {}", database, e.getMessage());
                }
            }
        }
        if (embeddedKafka != null) {
            embeddedKafka.destroy();
        }
        if (kafkaContainer != null) {
            kafkaContainer.stop();
        }
        if (postgresContainer != null) {
            postgresContainer.stop();
        }
        if (embeddedStarted) {
            // the data stays for the next run
            EmbeddedPostgres.stop(embeddedPostgres);
        }
    }

    private void execute(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), pgUser, pgPassword);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + pgHost + ":" + pgPort + " as " + pgUser
                    + " could not run [" + sql + "]: " + e.getMessage()
                    + " (the role needs LOGIN and CREATEDB; .ci/run and deploy/run-local.sh create it)", e);
        }
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("ICSS_TEST_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
