package org.icss.ledger.registry.query.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.platform.ProcessedEvents;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** registry-query's read models on a fresh database, without Spring: the projection, the reader, the generations. */
final class ReadModels {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    final JdbcTemplate jdbc;
    final DataSourceTransactionManager transactions;
    final Generations generations;
    final RegistryProjection projection;
    final Histories histories;
    final Standings standings;
    final Readers reader;

    ReadModels(LedgerInfrastructure infra, String prefix) {
        DataSource dataSource = infra.migratedDatabase(prefix, "classpath:db/platform",
                "classpath:db/registry-query");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
        generations = new Generations(jdbc, transactions);
        projection = new RegistryProjection(jdbc, new ProcessedEvents(jdbc), JSON, generations);
        StandingPolicy policy = new StandingPolicy(new PlatinumPolicy(LocalDate.of(2013, 1, 1)));
        histories = new Histories(jdbc);
        standings = new Standings(jdbc, transactions, histories, policy, JSON,
                Clock.fixed(TODAY.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
        reader = new Readers(new StandingReader(jdbc, generations, histories, standings, policy),
                new SearchReader(jdbc, generations, standings), new HistoryReader(jdbc, generations, histories, standings),
                new CertificateReader(jdbc, generations, histories));
    }

    /** The day the read models take for today. */
    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    /** registry-query's readers, by the question each answers. */
    record Readers(StandingReader standings, SearchReader searches, HistoryReader histories,
                   CertificateReader certificates) {

        Optional<StandingReader.OrganisationStanding> standing(String id, LocalDate asOf, Instant knownAt) {
            return standings.standing(id, asOf, knownAt);
        }

        List<StandingReader.OrganisationStanding> platinum(LocalDate asOf, Instant knownAt) {
            return standings.platinum(asOf, knownAt, 0, 500).organisations();
        }

        SearchReader.SearchResult search(SearchReader.SearchQuery query) {
            return searches.search(query);
        }

        Optional<List<HistoryReader.HistoryEntry>> history(String id, Instant knownAt) {
            return histories.history(id, knownAt);
        }

        Optional<CertificateReader.CertificateCheck> certificate(String number, LocalDate date, Instant knownAt) {
            return certificates.certificate(number, date, knownAt);
        }
    }

    /**
     * Each event in its own transaction, as the tracking processor would, then the precomputed answers brought up
     * to date, as the background refresher would.
     */
    void feed(List<? extends LedgerEvent> events) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        for (LedgerEvent event : events) {
            transaction.executeWithoutResult(status -> projection.on(event));
        }
        generations.writableSchemas().forEach(schema -> standings.refreshAll(schema, 50));
    }

    void feed(LedgerEvent... events) {
        feed(List.of(events));
    }
}
