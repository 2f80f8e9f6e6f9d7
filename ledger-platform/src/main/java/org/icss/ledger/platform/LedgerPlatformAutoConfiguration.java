package org.icss.ledger.platform;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.icss.ledger.platform.upcasting.AuditScoredUpcaster;
import org.icss.ledger.platform.upcasting.LedgerRevisionResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.platform.processing.ByPartitionKey;
import org.icss.ledger.platform.processing.DeadLetters;
import org.icss.ledger.platform.processing.KafkaHealthIndicator;
import org.icss.ledger.platform.processing.NestedTransactionHandlerEnhancer;
import org.icss.ledger.platform.processing.RetryThenDeadLetter;
import org.icss.ledger.platform.processing.SegmentBalancer;
import org.icss.ledger.platform.web.DeadLetterController;
import org.icss.ledger.platform.web.BodyLimitFilter;
import org.icss.ledger.platform.web.IdempotencyFilter;
import org.icss.ledger.platform.web.LedgerProblemHandler;
import org.icss.ledger.platform.web.LedgerWebProperties;
import org.icss.ledger.platform.web.RateLimitFilter;
import org.icss.ledger.platform.web.TokenBucketLimiter;
import org.icss.ledger.platform.web.WriteAdmissionFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The infrastructure every ledger service shares.
 * <ul>
 *     <li>Axon's JDBC event store, token store and saga store on the snake_case tables that Flyway creates
 *     from {@code db/platform} (no Axon Server, no auto-DDL).</li>
 *     <li>The Kafka bridge: events published by Axon's tracking publisher to the service's own topic, keyed by
 *     organisation id so one organisation's events stay in order; the topics a service consumes read by a
 *     tracking processor whose token lives in the service's own database.</li>
 *     <li>{@link ProcessedEvents}, which makes consumers idempotent by event id.</li>
 *     <li>A UTC {@link Clock}: rules take business dates, only the edges read the clock.</li>
 *     <li>The HTTP edge: per-IP rate limit of public lookups, body size limit, Idempotency-Key on every POST
 *     (API keys are {@link org.icss.ledger.platform.security.LedgerSecurityAutoConfiguration}'s).</li>
 *     <li>Event revisions: {@link LedgerRevisionResolver} (the published language's {@code @EventRevision}) for
 *     Axon's serializers, and the upcasters of older shapes ({@link AuditScoredUpcaster}), used by the event store,
 *     the Kafka consumers and replays alike.</li>
 * </ul>
 * Before Axon's own configuration, so its serializers and JDBC beans see these.
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@EnableConfigurationProperties({LedgerKafkaProperties.class, LedgerWebProperties.class,
        LedgerProcessingProperties.class})
public class LedgerPlatformAutoConfiguration {

    /** The bean name of {@link #ledgerSequencingPolicy()}, for {@code sequencing-policy} in processor settings. */
    public static final String LEDGER_SEQUENCING_POLICY = "ledgerSequencingPolicy";

    /** Spring Boot's order of Spring Security's filter chain ({@code spring.security.filter.order}). */
    private static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * A handler that fails makes its processor stop and retry (with back-off) instead of logging and moving on:
     * with Axon's default, a failed command inside a Kafka consumer would still commit the consumer's token and
     * its processed-event row, and the event would be lost without a trace.
     */
    @Bean
    public ConfigurerModule propagateHandlerFailures() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }

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
     * The Kafka publisher's tracking processor (audit-, certification- and awards-service) handles up to
     * {@code icss.processing.batch-size} waiting events per transaction: the sends of a batch go out together and
     * are acknowledged before the one token update and commit, instead of a send, an acknowledgement and a commit
     * per event. The consumers' processors take the same property in each service's yml ({@code batch-size}).
     */
    @Bean
    public ConfigurerModule publisherBatchSize(
            @Value("${axon.kafka.publisher.processing-group:__axon-kafka-event-publishing-group}") String group,
            @Value("${icss.processing.batch-size:1}") int batchSize) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(group,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize));
    }

    /**
     * Processors with a dead-letter queue ({@code axon.eventhandling.processors.<group>.dlq.enabled}) retry a
     * transient failure until it passes and dead-letter an event that failed {@code icss.processing.dead-letter-after}
     * times in place for another reason ({@link RetryThenDeadLetter}); every processor sequences events by their partition
     * key, the organisation ({@link ByPartitionKey}), so segments and dead-letter sequences are per organisation.
     */
    @Bean
    public ConfigurerModule ledgerEventProcessing() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultSequencingPolicy(configuration -> new ByPartitionKey())
                .registerDefaultDeadLetterPolicy(configuration -> new RetryThenDeadLetter());
    }

    /**
     * The sequencing policy every consuming processor names in {@code axon.eventhandling.processors.<group>
     * .sequencing-policy}: Axon's Spring Boot configuration gives each processor configured in properties its own
     * policy, {@code SequentialPerAggregatePolicy} unless one is named, which overrides the default registered above.
     * Sequencing by aggregate splits an organisation's events among sequences (an employment is the professional's
     * aggregate), and a record without an aggregate falls back to a sequence of its own, so nothing would wait
     * behind its dead letter.
     */
    @Bean(LEDGER_SEQUENCING_POLICY)
    public ByPartitionKey ledgerSequencingPolicy() {
        return new ByPartitionKey();
    }

    /**
     * Each event handler of a processing group in a savepoint, tried up to {@code icss.processing.dead-letter-after}
     * times there, so that a failing event leaves nothing behind and never rolls back the batch it came in.
     */
    @Bean
    public static NestedTransactionHandlerEnhancer nestedTransactionHandlerEnhancer(
            ObjectProvider<PlatformTransactionManager> transactionManager,
            @Value("${icss.processing.dead-letter-after:3}") int attempts) {
        return new NestedTransactionHandlerEnhancer(transactionManager, attempts);
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

    /**
     * The name this replica's processors claim segments under: {@code icss.processing.node-id}, by default the
     * process name and a random suffix, unique even for two instances in one JVM (Axon's default is the process
     * name alone).
     */
    @Bean
    @ConditionalOnMissingBean(name = "processingNodeId")
    public String processingNodeId(@Value("${icss.processing.node-id:}") String configured) {
        return configured.isBlank()
                ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8)
                : configured;
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
    public DeadLetters deadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbcTemplate,
                                   PlatformTransactionManager transactionManager, Clock clock) {
        return new DeadLetters(processing, jdbcTemplate, new TransactionTemplate(transactionManager), clock);
    }

    @Bean
    public DeadLetterController deadLetterController(DeadLetters deadLetters) {
        return new DeadLetterController(deadLetters);
    }

    /** The gauge of each dead-letter queue's size, once the processors are configured. */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> deadLetterGauges(DeadLetters deadLetters,
                                                                       ObjectProvider<MeterRegistry> registry) {
        return event -> registry.ifAvailable(deadLetters::bindGauges);
    }

    /** {@code kafka} in the health endpoint and the readiness group. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "axon.kafka", name = "bootstrap-servers")
    public KafkaHealthIndicator kafkaHealthIndicator(
            @Value("${axon.kafka.bootstrap-servers}") String bootstrapServers, LedgerProcessingProperties properties) {
        return new KafkaHealthIndicator(bootstrapServers, properties.kafkaHealthTimeout(),
                properties.kafkaHealthCache());
    }

    @Bean
    @ConditionalOnProperty(prefix = "icss.processing", name = "balance", matchIfMissing = true)
    public SegmentBalancer segmentBalancer(EventProcessingConfiguration processing, JdbcTemplate jdbcTemplate,
                                           @Qualifier("processingNodeId") String processingNodeId,
                                           LedgerProcessingProperties properties) {
        return new SegmentBalancer(processing, jdbcTemplate, processingNodeId, properties.balanceEvery());
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

    @Bean
    @ConditionalOnMissingBean
    public LedgerProblemHandler ledgerProblemHandler() {
        return new LedgerProblemHandler();
    }

    /** Public lookups per client IP, before anything else (and before authentication). */
    @Bean
    @ConditionalOnProperty(prefix = "icss.web.rate-limit", name = "enabled", matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> rateLimitFilter(LedgerWebProperties properties) {
        LedgerWebProperties.RateLimit limit = properties.rateLimit();
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(
                new TokenBucketLimiter(limit.capacity(), limit.refillPeriod(), limit.maxClients(), System::nanoTime),
                limit.paths()));
        registration.setOrder(SECURITY_FILTER_ORDER - 10);
        return registration;
    }

    /**
     * Back-pressure on writes, before authentication (whose key lookup needs the database): past
     * {@code icss.web.writes.max-concurrent} writes at once, 503 with Retry-After within
     * {@code icss.web.writes.admission-wait}.
     */
    @Bean
    public FilterRegistrationBean<WriteAdmissionFilter> writeAdmissionFilter(LedgerWebProperties properties) {
        LedgerWebProperties.Writes writes = properties.writes();
        FilterRegistrationBean<WriteAdmissionFilter> registration = new FilterRegistrationBean<>(
                new WriteAdmissionFilter(writes.maxConcurrent(), writes.admissionWait(), writes.retryAfter()));
        registration.setOrder(SECURITY_FILTER_ORDER - 5);
        return registration;
    }

    /** Body size limit, after authentication (Spring Security's filter chain is at order -100). */
    @Bean
    public FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(LedgerWebProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodySize().toBytes()));
        registration.setOrder(SECURITY_FILTER_ORDER + 10);
        return registration;
    }

    /** Idempotency-Key, after authentication (the client is the caller) and the body limit. */
    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcTemplate jdbcTemplate,
                                                                       LedgerWebProperties properties) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(
                jdbcTemplate, properties.idempotency().retention(), properties.idempotency().inProgressTimeout()));
        registration.setOrder(SECURITY_FILTER_ORDER + 20);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    public KnownOrganisations knownOrganisations(JdbcTemplate jdbcTemplate) {
        return new KnownOrganisations(jdbcTemplate);
    }

    @Bean
    @ConditionalOnMissingBean
    public ProcessedEvents processedEvents(JdbcTemplate jdbcTemplate) {
        return new ProcessedEvents(jdbcTemplate);
    }

    /**
     * Only the published language goes to Kafka: events of {@code ledger-events} ({@link LedgerEvent}s) are
     * published to the service's own topic; a service's internal events (such as the reports certification-service
     * keeps in its aggregates) stay in its event store.
     */
    @Bean
    @ConditionalOnMissingBean
    public TopicResolver topicResolver(LedgerKafkaProperties properties) {
        return message -> message.getPayload() instanceof LedgerEvent
                ? Optional.ofNullable(properties.publishTopic()) : Optional.empty();
    }

    /**
     * Kafka records are keyed by {@link LedgerEvent#partitionKey()}, the organisation the event is about (or the
     * professional), whatever aggregate applied it, so that all of one organisation's events land on one partition
     * in order. Records of older event shapes are upcast on the way in, with the same upcasters as the event store.
     */
    @Bean
    @ConditionalOnMissingBean
    public KafkaMessageConverter<String, byte[]> kafkaMessageConverter(
            @Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<EventUpcaster> upcasters) {
        return DefaultKafkaMessageConverter.builder()
                .serializer(eventSerializer)
                .sequencingPolicy(event -> event.getPayload() instanceof LedgerEvent ledgerEvent
                        ? ledgerEvent.partitionKey() : null)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .build();
    }

    /**
     * The source of the tracking processor that consumes other services' topics
     * ({@code icss.kafka.consume-topics}); name it in {@code axon.eventhandling.processors.<group>.source}.
     */
    @Bean
    @ConditionalOnProperty(prefix = "icss.kafka", name = "consume-topics[0]")
    public StreamableKafkaMessageSource<String, byte[]> ledgerKafkaSource(
            LedgerKafkaProperties properties,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ConsumerFactory<String, byte[]> consumerFactory,
            Fetcher<String, byte[], KafkaEventMessage> fetcher,
            KafkaMessageConverter<String, byte[]> converter) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(properties.consumeTopics())
                .serializer(eventSerializer)
                .consumerFactory(consumerFactory)
                .fetcher(fetcher)
                .messageConverter(converter)
                .bufferFactory(() -> new SortedKafkaMessageBuffer<>(properties.bufferSize()))
                .build();
    }
}
