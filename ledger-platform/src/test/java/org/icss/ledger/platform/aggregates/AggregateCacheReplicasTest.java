package org.icss.ledger.platform.aggregates;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.icss.ledger.platform.LedgerEventStoreAutoConfiguration;
import org.icss.ledger.platform.processing.TransientFailures;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two replicas of a service on one event store (real PostgreSQL, the platform's tables), each loading aggregates
 * from its own version-checked cache: a replica whose cached aggregate is behind the store loads it afresh instead of
 * deciding on stale state; and when the other replica appends between that check and this one's append, the append
 * fails as a transient conflict, the cache entry is dropped, and the command tried again decides on the fresh state.
 * The aggregate counts, each event carrying the next number: the stored numbers show nothing lost or doubled.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class AggregateCacheReplicasTest {

    private DataSource dataSource;
    private final List<EmbeddedEventStore> stores = new ArrayList<>();
    private Replica a;
    private Replica b;

    @BeforeEach
    void start(LedgerInfrastructure infra) {
        dataSource = infra.migratedDatabase("replicas", "classpath:db/platform");
        a = new Replica();
        b = new Replica();
    }

    @AfterEach
    void stop() {
        stores.forEach(EmbeddedEventStore::shutDown);
    }

    @Test
    void aReplicaWhoseCachedAggregateIsBehindTheStoreLoadsItAfresh() {
        String id = UUID.randomUUID().toString();
        a.commands.sendAndWait(new Create(id));
        a.commands.sendAndWait(new Increment(id, () -> { }));   // cached by a at 1
        b.commands.sendAndWait(new Increment(id, () -> { }));   // 2, appended by b

        a.commands.sendAndWait(new Increment(id, () -> { }));   // a's entry is behind: 3, not a second 2

        assertThat(counted(id)).containsExactly(0, 1, 2, 3);
    }

    @Test
    void anAppendRacingAnotherReplicaFailsAsTransientAndTheRetryDecidesOnTheFreshState() throws Exception {
        String id = UUID.randomUUID().toString();
        a.commands.sendAndWait(new Create(id));
        a.commands.sendAndWait(new Increment(id, () -> { }));   // cached by a at 1
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            // a has loaded its cached aggregate (the check passed) when b appends 2
            Runnable bAppendsMeanwhile = () -> {
                try {
                    other.submit(() -> b.commands.sendAndWait(new Increment(id, () -> { }))).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThatThrownBy(() -> a.commands.sendAndWait(new Increment(id, bAppendsMeanwhile)))
                    .satisfies(conflict -> assertThat(TransientFailures.isTransient(conflict))
                            .as("a conflict is a transient failure (503, or a consumer's retry): %s", conflict).isTrue());
        } finally {
            other.shutdownNow();
        }

        a.commands.sendAndWait(new Increment(id, () -> { }));

        assertThat(counted(id)).containsExactly(0, 1, 2, 3);
    }

    private List<Integer> counted(String id) {
        return new JdbcTemplate(dataSource).queryForList("SELECT convert_from(payload, 'UTF8')::jsonb ->> 'value' "
                + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number", String.class, id)
                .stream().map(Integer::valueOf).toList();
    }

    /** One replica: its own event store object, repository and cache, on the shared database. */
    private final class Replica {
        final CommandGateway commands;

        Replica() {
            TransactionManager transactions = new SpringTransactionManager(
                    new DataSourceTransactionManager(dataSource));
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            LedgerEventStorageEngine engine = new LedgerEventStorageEngine(LedgerEventStorageEngine.builder()
                    .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                            new SpringDataSourceConnectionProvider(dataSource)))
                    .transactionManager(transactions)
                    .persistenceExceptionResolver(new LedgerEventStoreAutoConfiguration().persistenceExceptionResolver())
                    .schema(new LedgerEventStoreAutoConfiguration().eventSchema())
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer));
            EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
            stores.add(store);
            EventSourcingRepository<Counter> repository = EventSourcingRepository.builder(Counter.class)
                    .eventStore(store)
                    .cache(new VersionCheckedAggregateCache(new BoundedCache(100), store::lastSequenceNumberFor))
                    .build();
            SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactions).build();
            AggregateAnnotationCommandHandler.<Counter>builder().aggregateType(Counter.class)
                    .repository(repository).build().subscribe(bus);
            commands = DefaultCommandGateway.builder().commandBus(bus).build();
        }
    }

    record Create(@TargetAggregateIdentifier String id) {
    }

    /** @param meanwhile run after the aggregate is loaded and before its event is applied */
    record Increment(@TargetAggregateIdentifier String id, Runnable meanwhile) {
    }

    record Counted(String id, int value) {
    }

    static class Counter {
        @AggregateIdentifier
        private String id;
        private int count;

        Counter() {
        }

        @CommandHandler
        Counter(Create command) {
            apply(new Counted(command.id(), 0));
        }

        @CommandHandler
        void handle(Increment command) {
            int next = count + 1;
            command.meanwhile().run();
            apply(new Counted(id, next));
        }

        @EventSourcingHandler
        void on(Counted event) {
            id = event.id();
            count = event.value();
        }
    }
}
