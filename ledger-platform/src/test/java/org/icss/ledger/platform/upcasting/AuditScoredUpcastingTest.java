package org.icss.ledger.platform.upcasting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.platform.LedgerEventStoreAutoConfiguration;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * AuditScored events written before revision 2 (no revision, no expectedScores: the JSON in
 * {@code upcasting/audit-scored-first-shape.json} is what the services wrote before) still read, with empty expected
 * scores: from a service's JDBC event store and from a Kafka record, through the platform's upcaster and converter.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class AuditScoredUpcastingTest {

    // configured as Spring Boot configures the services' ObjectMapper, which Axon's JacksonSerializer uses
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new ParameterNamesModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(MAPPER)
            .revisionResolver(new LedgerRevisionResolver()).build();
    private static final EventUpcasterChain UPCASTERS = new EventUpcasterChain(new AuditScoredUpcaster());

    @Test
    void aStoredAuditScoredOfTheFirstShapeReadsFromTheEventStore(LedgerInfrastructure infra) throws Exception {
        DataSource dataSource = infra.migratedDatabase("upcasting", "classpath:db/platform");
        EventSchema schema = new LedgerEventStoreAutoConfiguration().eventSchema();
        new JdbcTemplate(dataSource).update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "VALUES (?, ?, 0, 'Organisation', ?, ?, NULL, ?, ?)", UUID.randomUUID().toString(), "org-old",
                "2026-01-10T09:00:00Z", AuditScored.class.getName(), firstShape(),
                "{}".getBytes(StandardCharsets.UTF_8));
        JdbcEventStorageEngine store = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> dataSource.getConnection())
                .transactionManager(org.axonframework.common.transaction.NoTransactionManager.INSTANCE)
                .persistenceExceptionResolver(exception -> false)
                .schema(schema)
                .eventSerializer(SERIALIZER)
                .snapshotSerializer(SERIALIZER)
                .upcasterChain(UPCASTERS)
                .build();

        List<? extends DomainEventMessage<?>> events = store.readEvents("org-old").asStream().toList();

        assertThat(events).hasSize(1);
        assertFirstShapeRead((AuditScored) events.get(0).getPayload());
    }

    @Test
    void aPublishedAuditScoredOfTheFirstShapeReadsFromKafka() throws Exception {
        DefaultKafkaMessageConverter converter = DefaultKafkaMessageConverter.builder().serializer(SERIALIZER)
                .upcasterChain(UPCASTERS).build();
        // the record as the converter writes it, then given the first shape's payload and no revision header
        AuditScored current = new AuditScored(new OrganisationId("org-old"), UUID.randomUUID(),
                LocalDate.of(2019, 8, 19), Instant.parse("2026-01-10T09:00:00Z"), MemberBody.CSIAU, "audit-2019",
                StandardVersion.ICSS_2015_2020, AuditType.CERTIFICATION, "CSIAU assessor 3", Map.of("SRV-01", 7));
        ProducerRecord<String, byte[]> written = converter.createKafkaMessage(
                new GenericDomainEventMessage<>("Organisation", "org-old", 0, current), "icss.audit.events");
        assertThat(new String(written.headers().lastHeader("axon-message-revision").value(), StandardCharsets.UTF_8))
                .isEqualTo("2");
        RecordHeaders headers = new RecordHeaders(written.headers().toArray());
        headers.remove("axon-message-revision");
        ConsumerRecord<String, byte[]> firstShape = new ConsumerRecord<>("icss.audit.events", 0, 0L,
                written.timestamp() == null ? 0L : written.timestamp(), TimestampType.CREATE_TIME, -1, -1,
                "org-old", firstShape(), headers, Optional.empty());

        Optional<EventMessage<?>> read = converter.readKafkaMessage(firstShape);

        assertThat(read).isPresent();
        assertFirstShapeRead((AuditScored) read.get().getPayload());
    }

    @Test
    void newAuditScoredEventsAreWrittenAsRevisionTwo() {
        assertThat(SERIALIZER.typeForClass(AuditScored.class).getRevision()).isEqualTo("2");
        assertThat(new LedgerRevisionResolver().revisionOf(String.class)).isNull();
    }

    private static void assertFirstShapeRead(AuditScored audit) {
        assertThat(audit.organisationId()).isEqualTo(new OrganisationId("org-old"));
        assertThat(audit.auditId()).isEqualTo("audit-2019");
        assertThat(audit.effectiveOn()).isEqualTo(LocalDate.of(2019, 8, 19));
        assertThat(audit.scores()).containsExactlyInAnyOrderEntriesOf(Map.of("FIN-01", 5, "SRV-01", 7));
        assertThat(audit.expectedScores()).isEmpty();
    }

    private static byte[] firstShape() throws IOException {
        try (InputStream in = AuditScoredUpcastingTest.class.getResourceAsStream(
                "/upcasting/audit-scored-first-shape.json")) {
            return in.readAllBytes();
        }
    }
}
