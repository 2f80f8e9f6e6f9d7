package org.icss.ledger.platform.processing;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.ConfirmationMode;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The publisher of a service's events sends a batch's records as they come and waits for their acknowledgements once,
 * when the batch commits; a record Kafka reports as failed is sent again in place, without failing the batch (and so
 * without the publishing processor's back-off), and only a record that keeps failing fails the batch, which then
 * keeps its token: nothing is lost.
 */
class BatchAcknowledgingKafkaPublisherTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    @AfterEach
    void noUnitOfWorkLeft() {
        while (org.axonframework.messaging.unitofwork.CurrentUnitOfWork.isStarted()) {
            org.axonframework.messaging.unitofwork.CurrentUnitOfWork.get().rollback();
        }
    }

    @Test
    void aBatchIsSentWholeAndAcknowledgedOnceAtItsCommit() {
        MockProducer<String, byte[]> producer = new MockProducer<>(false, new StringSerializer(),
                new ByteArraySerializer());
        BatchAcknowledgingKafkaPublisher<String, byte[]> publisher = publisher(producer, 3);

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        publisher.send(event("first"));
        publisher.send(event("second"));
        publisher.send(event("third"));

        // no acknowledgement has come yet, and every record of the batch is already on its way: nothing waited
        assertThat(producer.history()).hasSize(3);
        producer.completeNext();
        producer.completeNext();
        producer.completeNext();
        batch.commit();

        assertThat(producer.history()).as("each record sent once").hasSize(3);
    }

    @Test
    void aRecordKafkaFailedIsSentAgainWithoutFailingTheBatch() {
        FailingProducer producer = new FailingProducer(Set.of("second"), 1);
        BatchAcknowledgingKafkaPublisher<String, byte[]> publisher = publisher(producer, 3);

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        publisher.send(event("first"));
        publisher.send(event("second"));
        publisher.send(event("third"));
        batch.commit();

        assertThat(payloads(producer.history())).containsExactly("first", "second", "third", "second");
        assertThat(producer.acknowledged()).containsExactlyInAnyOrder("first", "second", "third");
    }

    @Test
    void aRecordThatKeepsFailingFailsTheBatchWhichKeepsItsToken() {
        FailingProducer producer = new FailingProducer(Set.of("second"), Integer.MAX_VALUE);
        BatchAcknowledgingKafkaPublisher<String, byte[]> publisher = publisher(producer, 2);
        boolean[] rolledBack = {false};

        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        batch.onRollback(u -> rolledBack[0] = true);
        publisher.send(event("first"));
        publisher.send(event("second"));

        assertThatThrownBy(batch::commit).isInstanceOf(EventPublicationFailedException.class)
                .hasMessageContaining("1 of 2 events were not acknowledged");
        assertThat(rolledBack[0]).as("the processor's unit of work rolls back: its token stays").isTrue();
        assertThat(payloads(producer.history())).containsExactly("first", "second", "second");
    }

    private static BatchAcknowledgingKafkaPublisher<String, byte[]> publisher(Producer<String, byte[]> producer,
                                                                           int attempts) {
        ProducerFactory<String, byte[]> factory = new ProducerFactory<>() {
            @Override
            public Producer<String, byte[]> createProducer() {
                return producer;
            }

            @Override
            public ConfirmationMode confirmationMode() {
                return ConfirmationMode.WAIT_FOR_ACK;
            }

            @Override
            public void shutDown() {
            }
        };
        return BatchAcknowledgingKafkaPublisher.create(SERIALIZER, factory,
                DefaultKafkaMessageConverter.builder().serializer(SERIALIZER).build(), m -> Optional.of("events"),
                NoOpMessageMonitor.INSTANCE, Duration.ofSeconds(5), attempts);
    }

    private static EventMessage<String> event(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }

    private static List<String> payloads(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().map(record -> SERIALIZER.getObjectMapper().convertValue(
                readJson(record.value()), String.class)).toList();
    }

    private static Object readJson(byte[] value) {
        try {
            return SERIALIZER.getObjectMapper().readValue(value, Object.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Acknowledges at once, except the first {@code failures} sends of the named payloads, which Kafka fails. */
    private static final class FailingProducer extends MockProducer<String, byte[]> {

        private final Set<String> failing;
        private final ConcurrentHashMap<String, Integer> failuresLeft = new ConcurrentHashMap<>();
        private final List<String> acknowledged = new java.util.concurrent.CopyOnWriteArrayList<>();

        FailingProducer(Set<String> failing, int failures) {
            super(true, new StringSerializer(), new ByteArraySerializer());
            this.failing = failing;
            failing.forEach(payload -> failuresLeft.put(payload, failures));
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            Future<RecordMetadata> sent = super.send(record);
            String payload = (String) readJson(record.value());
            if (failing.contains(payload) && failuresLeft.merge(payload, -1, Integer::sum) >= 0) {
                return CompletableFuture.failedFuture(new NetworkException("the broker went away"));
            }
            acknowledged.add(payload);
            return sent;
        }

        List<String> acknowledged() {
            return acknowledged;
        }

        @Override
        public void close() {
            // shared by the batches, as the producer factory's producer is
        }
    }
}
