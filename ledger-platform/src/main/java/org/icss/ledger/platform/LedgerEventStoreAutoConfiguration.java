package org.icss.ledger.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.icss.ledger.platform.upcasting.AuditScoredUpcaster;
import org.icss.ledger.platform.upcasting.LedgerRevisionResolver;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Axon's JDBC stores on the snake_case tables that Flyway creates from {@code db/platform} (no Axon Server, no
 * auto-DDL): the event store's, token store's, saga store's and dead-letter queue's schemas, the token store with
 * this replica's node id ({@link LedgerProcessingAutoConfiguration#processingNodeId}), and event revisions:
 * {@link LedgerRevisionResolver} (the published language's {@code @EventRevision}) for Axon's serializers, and the
 * upcasters of older shapes ({@link AuditScoredUpcaster}), used by the event store, the Kafka consumers and replays
 * alike.
 * <p>
 * Before Axon's own configuration, whose serializers and JDBC beans are made only when these are missing.
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
public class LedgerEventStoreAutoConfiguration {

    /** Axon's serializers write the revision of {@code @EventRevision} (ledger-events) or Axon's {@code @Revision}. */
    @Bean
    @ConditionalOnMissingBean
    public RevisionResolver revisionResolver() {
        return new LedgerRevisionResolver();
    }

    /** AuditScored before revision 2 reads with empty expected scores; Axon registers EventUpcaster beans. */
    @Bean
    public AuditScoredUpcaster auditScoredUpcaster() {
        return new AuditScoredUpcaster();
    }

    /**
     * A duplicate (aggregate, sequence number) on append is Axon's {@code ConcurrencyException}, a transient failure,
     * with PostgreSQL's SQL state ({@link UniqueViolations}); Axon's own resolver does not see it.
     */
    @Bean
    @ConditionalOnMissingBean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new UniqueViolations();
    }

    @Bean
    @ConditionalOnMissingBean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Axon's JDBC token store, with this replica's node id as the owner of its claims. */
    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                                 @Qualifier("processingNodeId") String processingNodeId,
                                 @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(processingNodeId)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    public SagaSqlSchema sagaSqlSchema() {
        return new GenericSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    /** Axon's JDBC dead-letter queue on the snake_case table of {@code V1_5__dead_letters.sql}. */
    @Bean
    @ConditionalOnMissingBean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
