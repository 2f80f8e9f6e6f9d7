package org.icss.ledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.platform.LedgerEventStoreAutoConfiguration;
import org.icss.ledger.platform.aggregates.BoundedCache;
import org.icss.ledger.platform.aggregates.VersionCheckedAggregateCache;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * (1) Event store append rate. Axon's {@link JdbcEventStorageEngine}, configured as the services configure it
 * (Spring transactions, the platform's snake_case {@link EventSchema}, the Flyway-made tables of
 * {@code db/platform}, Jackson), takes commands from {@code threads} threads for a fixed time in a scratch
 * database: each thread registers an organisation and scores four audits on it (each audit command loads the
 * aggregate, from the platform's aggregate cache as the services do, then appends one), again and again. The
 * baselines then insert the very rows Axon wrote from the same number of threads into identical tables
 * ({@code LIKE domain_event_entry INCLUDING ALL}) of the same database: one row per transaction (the fair floor, a
 * command commits once per event) and plain JDBC batches of {@value #RAW_BATCH} rows per transaction.
 */
final class AppendBench {

    static final int RAW_BATCH = 100;
    private static final int AUDITS_PER_ORGANISATION = 4;

    /**
     * @param singleRowSeconds the same rows once more, one row per transaction: the commit floor under a command's
     *                         append, which the figure's ratio is taken against
     */
    record Result(long axonEvents, double axonSeconds, long rawRows, double rawSeconds, int threads,
                  double singleRowSeconds) {

        double singleRowRate() {
            return rawRows / singleRowSeconds;
        }

        double axonRate() {
            return axonEvents / axonSeconds;
        }

        double rawRate() {
            return rawRows / rawSeconds;
        }
    }

    private final BenchConfig config;

    AppendBench(BenchConfig config) {
        this.config = config;
    }

    Result run() throws Exception {
        recreateScratchDatabase();
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(config.scratchJdbcUrl());
        pool.setUsername(config.pgUser());
        pool.setPassword(config.pgPassword());
        pool.setMaximumPoolSize(config.appendThreads() + 2);
        pool.setPoolName("bench-append");
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/platform").load().migrate();
            AtomicLong events = new AtomicLong();
            double axonSeconds = runAxon(dataSource, events);
            long[] rawRows = new long[1];
            double rawSeconds = runRaw(dataSource, rawRows, "raw_event_entry", RAW_BATCH);
            double singleSeconds = runRaw(dataSource, new long[1], "raw_single_event_entry", 1);
            return new Result(events.get(), axonSeconds, rawRows[0], rawSeconds, config.appendThreads(),
                    singleSeconds);
        }
    }

    private double runAxon(HikariDataSource dataSource, AtomicLong events) throws Exception {
        TransactionManager transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper).build();
        EventSchema schema = new LedgerEventStoreAutoConfiguration().eventSchema();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(transactions)
                .schema(schema)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        try {
            // as the services load aggregates: from the platform's cache, checked against the store's last sequence
            EventSourcingRepository<BenchOrganisation> repository = EventSourcingRepository
                    .builder(BenchOrganisation.class).eventStore(store)
                    .cache(new VersionCheckedAggregateCache(new BoundedCache(10_000), store::lastSequenceNumberFor))
                    .build();
            SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
            AggregateAnnotationCommandHandler.<BenchOrganisation>builder().aggregateType(BenchOrganisation.class)
                    .repository(repository).build().subscribe(bus);
            CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus).build();
            // warm up (class loading, JIT of the hot path) outside the timed window
            drive(gateway, new AtomicLong(), System.nanoTime() + Duration.ofSeconds(config.smoke() ? 0 : 2).toNanos(), 1);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE domain_event_entry");
            }
            long deadline = System.nanoTime() + config.appendDuration().toNanos();
            long start = System.nanoTime();
            ExecutorService threads = Executors.newFixedThreadPool(config.appendThreads());
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < config.appendThreads(); t++) {
                done.add(threads.submit(() -> drive(gateway, events, deadline, Integer.MAX_VALUE)));
            }
            for (Future<?> future : done) {
                future.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            threads.shutdown();
            return seconds;
        } finally {
            store.shutDown();
        }
    }

    private static Void drive(CommandGateway gateway, AtomicLong events, long deadline, int maxOrganisations) {
        for (int n = 0; n < maxOrganisations && System.nanoTime() < deadline; n++) {
            OrganisationId id = OrganisationId.random();
            Instant now = Instant.now();
            gateway.sendAndWait(new Register(id.value(), new OrganisationRegistered(id, UUID.randomUUID(),
                    LocalDate.of(2020, 1, 2), now, MemberBody.CSIAU, "Bench organisation " + id, "AU")));
            events.incrementAndGet();
            for (int a = 0; a < AUDITS_PER_ORGANISATION; a++) {
                LocalDate on = LocalDate.of(2021 + a, 3, 1);
                String auditId = "bench-" + a;
                gateway.sendAndWait(new Score(id.value(), new AuditScored(id,
                        EventIds.of(AuditScored.class, id.value(), auditId), on, now, MemberBody.CSIAU, auditId,
                        StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, "bench assessor", SCORES)));
                events.incrementAndGet();
            }
        }
        return null;
    }

    /** The rows Axon wrote, inserted again with plain JDBC batches into an identical table. */
    private double runRaw(HikariDataSource dataSource, long[] inserted, String table, int batch) throws Exception {
        List<Object[]> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (LIKE domain_event_entry INCLUDING ALL)");
            try (ResultSet rs = statement.executeQuery("SELECT event_identifier, aggregate_identifier, "
                    + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data "
                    + "FROM domain_event_entry ORDER BY global_index")) {
                while (rs.next()) {
                    Object[] row = new Object[9];
                    for (int i = 0; i < 9; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        inserted[0] = rows.size();
        return insertInBatches(dataSource::getConnection, rows, table, config.appendThreads(), batch);
    }

    /**
     * Inserts {@code rows} (the event store's columns after {@code global_index}) into {@code table} with plain JDBC
     * batches of {@code batch} rows per transaction, {@code threads} threads each taking every n-th row; returns the
     * seconds it took.
     */
    static double insertInBatches(java.util.concurrent.Callable<Connection> connections, List<Object[]> rows,
                                  String table, int threads, int batch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                try (Connection connection = connections.call();
                     PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " "
                             + "(event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                             + "payload_type, payload_revision, payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    connection.setAutoCommit(false);
                    int inBatch = 0;
                    for (int i = first; i < rows.size(); i += threads) {
                        Object[] row = rows.get(i);
                        for (int c = 0; c < row.length; c++) {
                            insert.setObject(c + 1, row[c]);
                        }
                        insert.addBatch();
                        if (++inBatch == batch) {
                            insert.executeBatch();
                            connection.commit();
                            inBatch = 0;
                        }
                    }
                    if (inBatch > 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void recreateScratchDatabase() throws SQLException {
        String url = config.scratchJdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        if (!name.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("scratch database name must be [a-z0-9_]+: " + name);
        }
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(admin, config.pgUser(), config.pgPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
    }

    static void dropScratchDatabase(BenchConfig config) {
        String url = config.scratchJdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        String admin = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(admin, config.pgUser(), config.pgPassword());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("could not drop the scratch database " + name + ": " + e.getMessage());
        }
    }

    private static final Map<String, Integer> SCORES = scores();

    private static Map<String, Integer> scores() {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String code : List.of("SRV-01", "SRV-02", "SRV-03", "SRV-04", "SRV-05", "SRV-06", "SRV-07", "FIN-01",
                "FIN-02", "FIN-03", "FIN-04", "FIN-05", "OPS-01", "OPS-02", "OPS-03", "OPS-04", "OPS-05", "OPS-06",
                "OPS-07", "LRN-01", "LRN-02", "LRN-03", "LRN-04", "LRN-05", "LRN-06")) {
            scores.put(code, 8);
        }
        return scores;
    }

    record Register(@TargetAggregateIdentifier String id, OrganisationRegistered event) {
    }

    record Score(@TargetAggregateIdentifier String id, AuditScored event) {
    }

    /** An organisation as audit-service keeps it, reduced to what appending needs. */
    static class BenchOrganisation {

        @AggregateIdentifier
        private String id;
        private int audits;

        BenchOrganisation() {
        }

        @CommandHandler
        BenchOrganisation(Register command) {
            apply(command.event());
        }

        @CommandHandler
        void handle(Score command) {
            apply(command.event());
        }

        @EventSourcingHandler
        void on(OrganisationRegistered event) {
            id = event.organisationId().value();
        }

        @EventSourcingHandler
        void on(AuditScored event) {
            audits++;
        }
    }
}
