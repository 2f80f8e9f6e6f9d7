package org.icss.ledger.platform.processing;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.EventPublicationFailedException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MessageMonitor.MonitorCallback;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Kafka publisher of a service's events, acknowledged once per batch instead of once per event.
 * <p>
 * Axon's {@link KafkaPublisher} in {@code wait_for_ack} mode sends an event and waits up to a second for the broker's
 * acknowledgement before it sends the next, and an acknowledgement that does not come in time fails the whole batch
 * of the publishing processor, which rolls back and backs off (1 s, then 2, 4, ... up to a minute). This publisher
 * sends every event of the processor's batch (its unit of work) as it comes and waits for all their acknowledgements
 * once, before the batch commits its token:
 * <ul>
 *     <li>an acknowledgement that has not come by {@code ackTimeout} is waited for again (the record is still on its
 *     way; sending it again would only make a duplicate);</li>
 *     <li>a record the producer reports as failed is sent again, in the batch's order;</li>
 *     <li>only after {@code attempts} such rounds does the batch fail: the processor rolls back, keeps its token and
 *     sends the batch again after its back-off. Nothing is lost either way; a record sent twice is dropped by every
 *     consumer by its event id.</li>
 * </ul>
 * Outside a unit of work, or in another confirmation mode, it publishes as Axon's does.
 */
public class BatchAcknowledgingKafkaPublisher<K, V> extends KafkaPublisher<K, V> {

    private static final Logger log = LoggerFactory.getLogger(BatchAcknowledgingKafkaPublisher.class);

    private final ProducerFactory<K, V> producerFactory;
    private final KafkaMessageConverter<K, V> converter;
    private final TopicResolver topicResolver;
    private final MessageMonitor<? super EventMessage<?>> monitor;
    private final Duration ackTimeout;
    private final int attempts;
    private final String batchResource = "ledgerKafkaBatch@" + Integer.toHexString(System.identityHashCode(this));

    private BatchAcknowledgingKafkaPublisher(Builder<K, V> builder, ProducerFactory<K, V> producerFactory,
                                             KafkaMessageConverter<K, V> converter, TopicResolver topicResolver,
                                             MessageMonitor<? super EventMessage<?>> monitor, Duration ackTimeout,
                                             int attempts) {
        super(builder);
        this.producerFactory = producerFactory;
        this.converter = converter;
        this.topicResolver = topicResolver;
        this.monitor = monitor;
        this.ackTimeout = ackTimeout;
        this.attempts = attempts;
    }

    /**
     * @param ackTimeout how long one round waits for the batch's acknowledgements
     * @param attempts   rounds of waiting (and of sending failed records again) before the batch fails
     */
    public static <K, V> BatchAcknowledgingKafkaPublisher<K, V> create(
            Serializer serializer, ProducerFactory<K, V> producerFactory, KafkaMessageConverter<K, V> converter,
            TopicResolver topicResolver, MessageMonitor<? super EventMessage<?>> monitor, Duration ackTimeout,
            int attempts) {
        if (attempts < 1 || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw new IllegalArgumentException("attempts must be at least 1 and the ack timeout positive");
        }
        Builder<K, V> builder = KafkaPublisher.<K, V>builder()
                .serializer(serializer)
                .producerFactory(producerFactory)
                .messageConverter(converter)
                .messageMonitor(monitor)
                .topicResolver(topicResolver)
                .publisherAckTimeout(ackTimeout.toMillis());
        return new BatchAcknowledgingKafkaPublisher<>(builder, producerFactory, converter, topicResolver, monitor,
                ackTimeout, attempts);
    }

    @Override
    public <T extends EventMessage<?>> void send(T event) {
        if (!producerFactory.confirmationMode().isWaitForAck() || !CurrentUnitOfWork.isStarted()) {
            super.send(event);
            return;
        }
        Optional<String> topic = topicResolver.resolve(event);
        if (topic.isEmpty()) {
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Batch batch = unitOfWork.getOrComputeResource(batchResource, key -> {
            Batch started = new Batch(producerFactory.createProducer());
            unitOfWork.onPrepareCommit(u -> started.awaitAcknowledgements());
            unitOfWork.onCleanup(u -> started.close());
            return started;
        });
        batch.send(converter.createKafkaMessage(event, topic.get()), monitor.onMessageIngested(event));
    }

    /** The records of one unit of work, sent and not yet acknowledged. */
    private final class Batch {

        private final Producer<K, V> producer;
        private List<Pending<K, V>> pending = new ArrayList<>();

        Batch(Producer<K, V> producer) {
            this.producer = producer;
        }

        void send(ProducerRecord<K, V> record, MonitorCallback callback) {
            pending.add(new Pending<>(record, callback, producer.send(record)));
        }

        void awaitAcknowledgements() {
            int sent = pending.size();
            for (int round = 1; ; round++) {
                long deadline = System.nanoTime() + ackTimeout.toNanos();
                List<Pending<K, V>> open = new ArrayList<>();
                Exception lastFailure = null;
                for (Pending<K, V> record : pending) {
                    try {
                        record.acknowledgement().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                        record.callback().reportSuccess();
                    } catch (TimeoutException stillOnItsWay) {
                        lastFailure = stillOnItsWay;
                        open.add(record);
                    } catch (ExecutionException failed) {
                        lastFailure = failed;
                        open.add(round < attempts ? new Pending<>(record.record(), record.callback(),
                                producer.send(record.record())) : record);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        pending.forEach(p -> p.callback().reportFailure(interrupted));
                        throw new EventPublicationFailedException("Interrupted while waiting for Kafka", interrupted);
                    }
                }
                pending = open;
                if (open.isEmpty()) {
                    return;
                }
                if (round >= attempts) {
                    Exception cause = lastFailure;
                    open.forEach(p -> p.callback().reportFailure(cause));
                    throw new EventPublicationFailedException(open.size() + " of " + sent + " events were not "
                            + "acknowledged by Kafka after " + attempts + " rounds of " + ackTimeout, cause);
                }
                log.warn("{} of {} events not yet acknowledged by Kafka ({}); waiting again ({} of {})", open.size(),
                        sent, lastFailure.toString(), round + 1, attempts);
            }
        }

        void close() {
            try {
                producer.close();
            } catch (RuntimeException e) {
                log.debug("Unable to close the producer", e);
            }
        }
    }

    private record Pending<K, V>(ProducerRecord<K, V> record, MonitorCallback callback,
                                 Future<RecordMetadata> acknowledgement) {
    }
}
