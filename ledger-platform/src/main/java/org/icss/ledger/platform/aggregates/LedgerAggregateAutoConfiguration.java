package org.icss.ledger.platform.aggregates;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.icss.ledger.platform.LedgerEventStoreAutoConfiguration;
import org.icss.ledger.rules.Change;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.io.IOException;


/**
 * How a command loads its aggregate ({@link LedgerAggregateProperties}, {@code icss.aggregates.*}), so that its cost
 * does not grow with the aggregate's history:
 * <ul>
 *     <li>from a cache of recently used aggregates, checked against the event store's last sequence number
 *     ({@link AggregateCaches}, {@link VersionCheckedAggregateCache}); an aggregate names its cache bean in
 *     {@code @Aggregate(cache = ...)};</li>
 *     <li>otherwise from its latest snapshot and the events after it: a snapshot every {@code snapshot-every} events
 *     (the trigger bean {@value #SNAPSHOT_TRIGGER}, named in {@code @Aggregate(snapshotTriggerDefinition = ...)}),
 *     taken after the command's commit by one background thread, in {@code snapshot_event_entry} (V1_1).</li>
 * </ul>
 * Snapshots are written by their own Jackson serializer, which reads and writes an aggregate's fields (aggregates have
 * no getters) and the certificate timeline's {@link Change}s a certification keeps (as values and as map keys); the
 * events keep Axon's serializer. Before Axon's configuration, whose event storage, snapshotter and
 * serializers are made only when these are missing.
 */
@AutoConfiguration(after = LedgerEventStoreAutoConfiguration.class,
        beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
                "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@EnableConfigurationProperties(LedgerAggregateProperties.class)
public class LedgerAggregateAutoConfiguration {

    /** The bean name of the snapshot trigger every event-sourced aggregate names. */
    public static final String SNAPSHOT_TRIGGER = "ledgerSnapshotTrigger";

    @Bean
    public AggregateCaches aggregateCaches(LedgerAggregateProperties properties,
                                           ObjectProvider<EventStore> eventStore) {
        return new AggregateCaches(properties, eventStore);
    }

    /** Axon's JDBC event storage ({@link LedgerEventStorageEngine}) with the snapshot serializer of aggregates. */
    @Bean
    @ConditionalOnMissingBean({EventStorageEngine.class, EventBus.class, EventStore.class})
    public EventStorageEngine eventStorageEngine(PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 RevisionResolver revisionResolver,
                                                 ObjectProvider<ObjectMapper> objectMapper) {
        return new LedgerEventStorageEngine(LedgerEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer(objectMapper.getIfAvailable(ObjectMapper::new),
                        revisionResolver))
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema));
    }

    /**
     * The serializer of snapshots: the application's JSON settings (dates, value types), reading and writing every
     * field of an aggregate and nothing else (aggregates have no getters or setters, and their records keep their
     * components).
     */
    public static Serializer snapshotSerializer(ObjectMapper applicationMapper, RevisionResolver revisionResolver) {
        ObjectMapper mapper = applicationMapper.copy();
        mapper.setVisibility(mapper.getSerializationConfig().getDefaultVisibilityChecker()
                .withFieldVisibility(JsonAutoDetect.Visibility.ANY)
                .withGetterVisibility(JsonAutoDetect.Visibility.NONE)
                .withIsGetterVisibility(JsonAutoDetect.Visibility.NONE)
                .withSetterVisibility(JsonAutoDetect.Visibility.NONE));
        mapper.registerModule(changes(mapper));
        return JacksonSerializer.builder().objectMapper(mapper).revisionResolver(revisionResolver).build();
    }

    /**
     * The certificate timeline's {@link Change}s as a certification keeps them: a sealed interface (written with its
     * record's class) and the key of maps (written as that JSON, as text).
     */
    private static SimpleModule changes(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("ledger-snapshot-changes");
        module.setMixInAnnotation(Change.class, TypedByClass.class);
        module.addKeySerializer(Change.class, new JsonSerializer<>() {
            @Override
            public void serialize(Change change, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeFieldName(mapper.writerFor(Change.class).writeValueAsString(change));
            }
        });
        module.addKeyDeserializer(Change.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) throws IOException {
                return mapper.readerFor(Change.class).readValue(key);
            }
        });
        return module;
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    private interface TypedByClass {
    }

    @Bean(destroyMethod = "close")
    public SnapshotThread ledgerSnapshotThread(LedgerAggregateProperties properties) {
        return new SnapshotThread(properties.snapshotQueue());
    }

    /** Axon's Spring snapshotter, on the {@link SnapshotThread} instead of the command's thread. */
    @Bean
    @ConditionalOnMissingBean(Snapshotter.class)
    public SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                           HandlerDefinition handlerDefinition,
                                                           ParameterResolverFactory parameterResolverFactory,
                                                           EventStore eventStore,
                                                           TransactionManager transactionManager,
                                                           SnapshotterSpanFactory spanFactory,
                                                           SnapshotThread snapshotThread) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(snapshotThread.executor())
                .build();
    }

    /** A snapshot every {@code icss.aggregates.snapshot-every} events; none when that is 0. */
    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition ledgerSnapshotTrigger(Snapshotter snapshotter,
                                                           LedgerAggregateProperties properties) {
        return properties.snapshotEvery() == 0 ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotEvery());
    }
}
