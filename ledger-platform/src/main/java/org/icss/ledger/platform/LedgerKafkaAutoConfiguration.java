package org.icss.ledger.platform;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.lifecycle.Phase;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.platform.positions.EventPositions;
import org.icss.ledger.platform.processing.BatchAcknowledgingKafkaPublisher;
import org.icss.ledger.platform.processing.ByPartitionKey;
import org.icss.ledger.platform.processing.RecordKeyMessageConverter;
import org.icss.ledger.platform.processing.KafkaHealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.Optional;

/**
 * The Kafka bridge: events published by Axon's tracking publisher to the service's own topic, keyed by organisation
 * id so one organisation's events stay in order; the topics a service consumes read by a tracking processor whose
 * token lives in the service's own database ({@code ledgerKafkaSource}); {@code kafka} in the health endpoint.
 * <p>
 * Before Axon's Kafka extension, which makes its publisher only when a {@link KafkaMessageConverter} is there and its
 * own converter and topic resolver only when these are missing (and so before Axon's configuration, as that extension
 * comes after it).
 */
@AutoConfiguration(beforeName = {"org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration"})
@EnableConfigurationProperties({LedgerKafkaProperties.class, LedgerProcessingProperties.class})
public class LedgerKafkaAutoConfiguration {

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
     * in order. Records of older event shapes are upcast on the way in, with the same upcasters as the event store, and
     * a consumed event keeps its record's key ({@link RecordKeyMessageConverter}), its sequence for {@link ByPartitionKey}.
     */
    @Bean
    @ConditionalOnMissingBean
    public KafkaMessageConverter<String, byte[]> kafkaMessageConverter(
            @Qualifier("eventSerializer") Serializer eventSerializer, ObjectProvider<EventUpcaster> upcasters) {
        return new RecordKeyMessageConverter(DefaultKafkaMessageConverter.builder()
                .serializer(eventSerializer)
                .sequencingPolicy(event -> event.getPayload() instanceof LedgerEvent ledgerEvent
                        ? ledgerEvent.partitionKey() : null)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .build());
    }

    /**
     * The publisher of the service's events ({@link BatchAcknowledgingKafkaPublisher}): the records of a batch of the
     * publishing processor are sent as they come and their acknowledgements awaited once, before the batch's commit
     * ({@code icss.kafka.publish-ack-timeout}, {@code icss.kafka.publish-attempts}). Replaces the Kafka extension's
     * publisher, which waits for each event's acknowledgement before sending the next.
     */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnMissingBean(KafkaPublisher.class)
    @ConditionalOnProperty(name = "axon.kafka.publisher.enabled", havingValue = "true", matchIfMissing = true)
    @SuppressWarnings("unchecked")
    public KafkaPublisher<String, byte[]> kafkaPublisher(
            @Qualifier("eventSerializer") Serializer eventSerializer,
            @Qualifier("axonKafkaProducerFactory") ProducerFactory<?, ?> producerFactory,
            KafkaMessageConverter<String, byte[]> kafkaMessageConverter,
            org.axonframework.config.Configuration configuration,
            TopicResolver topicResolver,
            LedgerKafkaProperties properties) {
        return BatchAcknowledgingKafkaPublisher.create(eventSerializer,
                (ProducerFactory<String, byte[]>) producerFactory, kafkaMessageConverter, topicResolver,
                configuration.messageMonitor(KafkaPublisher.class, "kafkaPublisher"),
                properties.publishAckTimeout(), properties.publishAttempts());
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
            LedgerProcessingProperties properties) {
        int batchSize = properties.batchSize();
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(group,
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize));
    }

    /**
     * The positions of what a write records ({@link EventPositions}), for the services that publish a topic of the
     * published language ({@code icss.<service>.events}); the event bus shows it the events published while a
     * controller records.
     */
    @Bean
    @ConditionalOnMissingBean
    public EventPositions eventPositions(LedgerKafkaProperties properties) {
        return new EventPositions(EventPositions.serviceOf(properties.publishTopic()));
    }

    @Bean
    public ConfigurerModule eventPositionsInterceptor() {
        return configurer -> configurer.onInitialize(config -> config.onStart(Phase.OUTBOUND_EVENT_CONNECTORS,
                () -> config.eventBus().registerDispatchInterceptor(EventPositions.interceptor())));
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

    /** {@code kafka} in the health endpoint and the readiness group. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "axon.kafka", name = "bootstrap-servers")
    public KafkaHealthIndicator kafkaHealthIndicator(
            @Value("${axon.kafka.bootstrap-servers}") String bootstrapServers, LedgerProcessingProperties properties) {
        return new KafkaHealthIndicator(bootstrapServers, properties.kafkaHealthTimeout(),
                properties.kafkaHealthCache());
    }
}
