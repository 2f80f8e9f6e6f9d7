package org.icss.ledger.registry.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.registry.RegistryQueryApplication;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.TestKeys;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * registry-query alone, on a fresh database and topic, with its own keys; events reach it through Kafka like in
 * production (both tracking processors, the registry's and the reports', read the topic).
 */
final class ReportService implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    final TestKeys.Key csiau = TestKeys.memberBody("CSIAU");
    final TestKeys.Key hkcsc = TestKeys.memberBody("HKCSC");
    final TestKeys.Key compliance = TestKeys.role("COMPLIANCE");
    final TestKeys.Key admin = TestKeys.role("ADMIN");
    final ConfigurableApplicationContext context;
    final String baseUrl;
    private final String topic;
    private final String bootstrap;

    ReportService(LedgerInfrastructure infra, String name, String... extraArguments) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        topic = "icss.audit.events-" + run;
        bootstrap = infra.kafkaBootstrapServers();
        infra.createTopics(topic);
        String database = infra.createDatabase(name);
        context = RegistryQueryApplication.application()
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", CLOCK))
                .run(TestKeys.withKeys(List.of(csiau, hkcsc, compliance, admin), java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("--server.port=0",
                                "--spring.datasource.url=" + infra.jdbcUrl(database),
                                "--spring.datasource.username=" + infra.username(),
                                "--spring.datasource.password=" + infra.password(),
                                "--axon.kafka.bootstrap-servers=" + bootstrap,
                                "--icss.kafka.consume-topics=" + topic,
                                "--spring.main.banner-mode=off"),
                        java.util.Arrays.stream(extraArguments)).toArray(String[]::new)));
        baseUrl = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Publishes the events as the services do; each event in {@code firstShape} as it was written before
     * AuditScored's revision 2 (no expectedScores in the payload, no revision header).
     */
    @SuppressWarnings("unchecked")
    void publish(List<? extends LedgerEvent> events, List<AuditScored> firstShape) throws Exception {
        KafkaMessageConverter<String, byte[]> converter = context.getBean(KafkaMessageConverter.class);
        ObjectMapper json = context.getBean(ObjectMapper.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (LedgerEvent event : events) {
                ProducerRecord<String, byte[]> record = converter.createKafkaMessage(
                        GenericEventMessage.asEventMessage(event), topic);
                if (firstShape.contains(event)) {
                    ObjectNode payload = (ObjectNode) json.readTree(record.value());
                    payload.remove("expectedScores");
                    RecordHeaders headers = new RecordHeaders(record.headers().toArray());
                    headers.remove("axon-message-revision");
                    record = new ProducerRecord<>(topic, null, record.key(), json.writeValueAsBytes(payload),
                            headers);
                }
                producer.send(record).get();
            }
        }
    }

    /**
     * Publishes the events as the services do, all at once (sent together, then flushed), so that a processor that
     * is behind takes many of them in one batch.
     */
    @SuppressWarnings("unchecked")
    void publishTogether(List<? extends LedgerEvent> events) {
        KafkaMessageConverter<String, byte[]> converter = context.getBean(KafkaMessageConverter.class);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.LINGER_MS_CONFIG, 20))) {
            for (LedgerEvent event : events) {
                producer.send(converter.createKafkaMessage(GenericEventMessage.asEventMessage(event), topic));
            }
            producer.flush();
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
