package org.icss.ledger.platform.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;

import java.util.Map;
import java.util.Optional;

/**
 * The Kafka converter of the ledger, which keeps a consumed record's key (the organisation, {@code partitionKey()})
 * with its event as the meta-data entry {@value ByPartitionKey#RECORD_KEY}, so that {@link ByPartitionKey} finds the
 * event's sequence without reading its payload. Producing is the wrapped converter's.
 */
public class RecordKeyMessageConverter implements KafkaMessageConverter<String, byte[]> {

    private final KafkaMessageConverter<String, byte[]> delegate;

    public RecordKeyMessageConverter(KafkaMessageConverter<String, byte[]> delegate) {
        this.delegate = delegate;
    }

    @Override
    public ProducerRecord<String, byte[]> createKafkaMessage(EventMessage<?> eventMessage, String topic) {
        return delegate.createKafkaMessage(eventMessage, topic);
    }

    @Override
    public Optional<EventMessage<?>> readKafkaMessage(ConsumerRecord<String, byte[]> consumerRecord) {
        Optional<EventMessage<?>> message = delegate.readKafkaMessage(consumerRecord);
        String key = consumerRecord.key();
        if (key == null || key.isEmpty()) {
            return message;
        }
        return message.map(event -> event.andMetaData(Map.of(ByPartitionKey.RECORD_KEY, key)));
    }
}
