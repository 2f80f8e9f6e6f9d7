package org.icss.ledger.platform.processing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.OrganisationId;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ByPartitionKeyTest {

    private final ByPartitionKey policy = new ByPartitionKey();

    @Test
    void aLedgerEventIsSequencedByItsOrganisation() {
        AwardWon award = new AwardWon(new OrganisationId("org-1"), UUID.randomUUID(), LocalDate.of(2025, 1, 1),
                Instant.EPOCH, "award-1", 2025, "Team");
        assertThat(policy.getSequenceIdentifierFor(GenericEventMessage.asEventMessage(award))).isEqualTo("org-1");
    }

    @Test
    void aRecordWhosePayloadCannotBeReadIsASequenceOfItsOwnInsteadOfStoppingTheProcessor() {
        @SuppressWarnings("unchecked")
        EventMessage<Object> unreadable = Mockito.mock(EventMessage.class);
        Mockito.when(unreadable.getPayload()).thenThrow(new SerializationException("not JSON"));
        Mockito.when(unreadable.getIdentifier()).thenReturn("message-7");
        assertThat(policy.getSequenceIdentifierFor(unreadable)).isEqualTo("message-7");
    }

    @Test
    void aConsumedRecordIsSequencedByItsKeyWithoutReadingItsPayload() {
        @SuppressWarnings("unchecked")
        EventMessage<Object> consumed = Mockito.mock(EventMessage.class);
        Mockito.when(consumed.getMetaData()).thenReturn(MetaData.with(ByPartitionKey.RECORD_KEY, "org-9"));

        assertThat(policy.getSequenceIdentifierFor(consumed)).isEqualTo("org-9");
        Mockito.verify(consumed, Mockito.never()).getPayload();
    }

    @Test
    void theKafkaConverterKeepsTheRecordKeyWhichIsThePartitionKeyTheProducerUsed() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        RecordKeyMessageConverter converter = new RecordKeyMessageConverter(DefaultKafkaMessageConverter.builder()
                .serializer(serializer)
                .sequencingPolicy(event -> ((AwardWon) event.getPayload()).partitionKey())
                .build());
        AwardWon award = new AwardWon(new OrganisationId("org-3"), UUID.randomUUID(), LocalDate.of(2025, 1, 1),
                Instant.EPOCH, "award-3", 2025, "Team");
        ProducerRecord<String, byte[]> produced = converter.createKafkaMessage(
                GenericEventMessage.asEventMessage(award), "icss.awards.events");
        ConsumerRecord<String, byte[]> consumed = new ConsumerRecord<>("icss.awards.events", 0, 42, produced.key(),
                produced.value());
        produced.headers().forEach(header -> consumed.headers().add(header));

        EventMessage<?> event = converter.readKafkaMessage(consumed).orElseThrow();

        assertThat(produced.key()).isEqualTo("org-3");
        assertThat(policy.getSequenceIdentifierFor(event)).isEqualTo("org-3");
        assertThat(event.getPayload()).isEqualTo(award);
    }
}
