package org.icss.ledger.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.ProfessionalEvent;
import org.icss.ledger.platform.LedgerKafkaAutoConfiguration;
import org.icss.ledger.platform.upcasting.LedgerRevisionResolver;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes events onto the real topics exactly as the services' Kafka publisher does: the platform's own
 * {@code kafkaMessageConverter} ({@link LedgerKafkaAutoConfiguration}: record key = the event's partition key, the
 * organisation id or the professional's id; Axon's headers: message id, type, revision, timestamp, aggregate id,
 * type and sequence, metadata; the message timestamp is the time of publication, see {@link #timestamp()}) over Axon's {@link JacksonSerializer} with the platform's
 * {@link LedgerRevisionResolver} and an ObjectMapper set up as Spring Boot sets up the services' one (Java time as
 * ISO strings, non-null properties only, ledger-defaults.yml). The producer acknowledges as the services' does
 * ({@code acks=all}); records are batched ({@code linger.ms}) since nothing waits on a single one.
 */
final class TopicWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final Map<String, Long> sequences = new HashMap<>();
    private final java.util.ArrayDeque<Future<?>> inFlight = new java.util.ArrayDeque<>();
    private long sent;
    private Instant last = Instant.EPOCH;
    private ProducerRecord<String, byte[]> lastRecord;

    TopicWriter(String bootstrap) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "bench-scale-loader",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.converter = new LedgerKafkaAutoConfiguration().kafkaMessageConverter(eventSerializer(),
                new StaticListableBeanFactory().getBeanProvider(EventUpcaster.class));
    }

    /** The services' event serializer: Axon's Jackson serializer over Spring Boot's ObjectMapper settings. */
    static JacksonSerializer eventSerializer() {
        ObjectMapper mapper = Jackson2ObjectMapperBuilder.json()
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS,
                        SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        return JacksonSerializer.builder().revisionResolver(new LedgerRevisionResolver()).objectMapper(mapper)
                .build();
    }

    /**
     * Sends {@code event} to {@code topic} as applied by {@code aggregateType} (the aggregate is the event's
     * partition key: the organisation, or the professional), with the metadata Axon's correlation adds.
     */
    void send(String topic, String aggregateType, LedgerEvent event) {
        String aggregateId = event instanceof ProfessionalEvent p ? p.professionalId().value()
                : event instanceof EmploymentStarted e ? e.professionalId().value()
                : event instanceof EmploymentEnded e ? e.professionalId().value() : event.partitionKey();
        long sequence = sequences.merge(aggregateType + "|" + aggregateId, 1L, Long::sum) - 1;
        String correlation = UUID.nameUUIDFromBytes(("command|" + event.eventId()).getBytes()).toString();
        GenericDomainEventMessage<LedgerEvent> message = new GenericDomainEventMessage<>(aggregateType, aggregateId,
                sequence, event, Map.of("traceId", correlation, "correlationId", correlation),
                UUID.nameUUIDFromBytes(("message|" + event.eventId()).getBytes()).toString(), timestamp());
        ProducerRecord<String, byte[]> record = converter.createKafkaMessage(message, topic);
        inFlight.add(producer.send(record));
        lastRecord = record;
        sent++;
        while (inFlight.size() > 50_000) {
            waitFor(inFlight.poll());
        }
    }

    /**
     * The message's timestamp: when it is published, increasing. Not the event's {@code recordedAt} (which can lie
     * years back): the consumers' Kafka source (Axon's {@code SortedKafkaMessageBuffer}) hands records over in
     * message timestamp order and each carries the tracking token of the moment it was read, so a partition whose
     * timestamps jump back and forth leaves the processors' stored tokens behind what they have handled (found by
     * the first smoke run: every record applied, the tokens 646 records short).
     */
    private Instant timestamp() {
        Instant now = Instant.now();
        last = now.isAfter(last) ? now : last.plusNanos(1000);
        return last;
    }

    void sendAll(String topic, String aggregateType, List<LedgerEvent> events) {
        for (LedgerEvent event : events) {
            send(topic, aggregateType, event);
        }
    }

    /** Waits until every record sent so far is acknowledged (a failure fails the load). */
    void flush() {
        producer.flush();
        while (!inFlight.isEmpty()) {
            waitFor(inFlight.poll());
        }
    }

    /**
     * Publishes the last record once more, as a publisher retrying after a lost acknowledgement would (consumers
     * skip an event id they have handled). Consumers read it after everything else, with the latest timestamp, so
     * their tracking tokens, which lag behind when records are read in another order than their timestamps (see
     * {@link #timestamp()}), reach the end offsets once they have handled everything. False when nothing was sent.
     */
    boolean resendLast() {
        if (lastRecord == null) {
            return false;
        }
        inFlight.add(producer.send(lastRecord));
        flush();
        return true;
    }

    long sent() {
        return sent;
    }

    /** Forgets the aggregates' sequence numbers (a new batch of organisations never repeats one). */
    void forgetSequences() {
        sequences.clear();
    }

    private static void waitFor(Future<?> future) {
        try {
            future.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException("a record was not acknowledged by the broker", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
