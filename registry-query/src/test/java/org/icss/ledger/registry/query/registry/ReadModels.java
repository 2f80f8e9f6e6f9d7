package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.platform.ProcessedEvents;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import javax.sql.DataSource;

/** registry-query's read models on a fresh database, without Spring: the projection, the reader, the generations. */
final class ReadModels {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    final JdbcTemplate jdbc;
    final DataSourceTransactionManager transactions;
    final Generations generations;
    final RegistryProjection projection;
    final RegistryReader reader;

    ReadModels(LedgerInfrastructure infra, String prefix) {
        DataSource dataSource = infra.migratedDatabase(prefix, "classpath:db/platform",
                "classpath:db/registry-query");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        generations = new Generations(jdbc, transactions);
        projection = new RegistryProjection(jdbc, new ProcessedEvents(jdbc), JSON, generations);
        reader = new RegistryReader(jdbc, generations,
                new StandingPolicy(new PlatinumPolicy(LocalDate.of(2013, 1, 1))), JSON);
    }

    /** Each event in its own transaction, as the tracking processor would. */
    void feed(List<? extends LedgerEvent> events) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (LedgerEvent event : events) {
            transaction.executeWithoutResult(status -> projection.on(event));
        }
    }

    void feed(LedgerEvent... events) {
        feed(List.of(events));
    }
}
