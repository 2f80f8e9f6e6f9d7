package org.icss.ledger.deploy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.icss.ledger.deploy.LedgerSystem.Backing;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.icss.ledger.testsupport.PrivatePostgres;
import org.icss.ledger.testsupport.RestartableKafka;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Faults while a client keeps posting: the Kafka broker stopped and restarted, PostgreSQL restarted, services
 * stopped mid-stream and restarted, every record delivered twice. After each, {@link Workload#assertNothingLostOrDoubled}:
 * every accepted POST exactly once in every service, no certificate number twice, the counts agree. The broker and
 * the PostgreSQL cluster these tests break are their own, never the shared ones. They run in the normal suite
 * ({@code ./mvnw verify}); {@code ./mvnw -Pfaults -pl deploy -am verify} runs these alone (tag {@code faults}).
 */
@Tag("faults")
@ExtendWith(LedgerInfrastructureExtension.class)
class FaultToleranceTest {

    private static final Duration FAULT = Duration.ofSeconds(90);
    private static final Duration KILL = Duration.ofSeconds(240);
    private static final String[] ARGS = {"--icss.processing.balance-every=PT1S"};

    @Test
    void theBrokerStoppedAndRestartedMidStreamLosesAndDoublesNothing(LedgerInfrastructure infra)
            throws Exception {
        long started = System.nanoTime();
        try (RestartableKafka kafka = RestartableKafka.start();
             LedgerSystem ledger = LedgerSystem.start(backing(infra, kafka.bootstrapServers(), kafka::createTopics),
                     Clock.systemUTC(), ARGS)) {
            Workload workload = new Workload(ledger).register(4);
            workload.post(8);
            workload.startInBackground();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= 16);

            kafka.stopBroker();
            int atStop = workload.acceptedCount();
            await().atMost(FAULT).until(() -> readiness(ledger, "audit-service") == 503);
            // audit-service keeps accepting audits into its event store; publishing waits for the broker
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= atStop + 8);
            int duringOutage = workload.acceptedCount() - atStop;

            kafka.startBroker();
            await().atMost(FAULT).until(() -> readiness(ledger, "audit-service") == 200);
            int atRestart = workload.acceptedCount();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= atRestart + 8);
            workload.stop();

            Workload.Counts counts = workload.assertNothingLostOrDoubled();
            report("broker restart", started, counts, "accepted while the broker was down: " + duringOutage);
        }
    }

    @Test
    void postgresRestartedUnderLoadLosesAndDoublesNothing(LedgerInfrastructure infra) throws Exception {
        long started = System.nanoTime();
        try (PrivatePostgres postgres = PrivatePostgres.start(Path.of("target", "private-postgres"));
             LedgerSystem ledger = LedgerSystem.start(new Backing() {
                 public String createDatabase(String prefix) {
                     return postgres.createDatabase(prefix);
                 }

                 public String jdbcUrl(String database) {
                     return postgres.jdbcUrl(database);
                 }

                 public String username() {
                     return postgres.username();
                 }

                 public String password() {
                     return postgres.password();
                 }

                 public String kafkaBootstrapServers() {
                     return infra.kafkaBootstrapServers();
                 }

                 public void createTopics(String... topics) {
                     infra.createTopics(topics);
                 }
             }, Clock.systemUTC(), ARGS[0],
                     // a request waits 5 s, not Hikari's default 30 s, for a connection to the stopped server:
                     // the client sees its 5xx and repeats the POST well within its 120 s
                     "--spring.datasource.hikari.connection-timeout=5000")) {
            Workload workload = new Workload(ledger).register(4);
            workload.post(8);
            workload.startInBackground();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= 16);

            int retriesBefore = workload.retries();
            postgres.stopServer();
            // while the server is down: not ready, and the client's POSTs fail and are repeated
            await().atMost(FAULT).until(() -> readiness(ledger, "certification-service") == 503);
            await().atMost(FAULT).until(() -> workload.retries() > retriesBefore);
            int retriesDuringOutage = workload.retries() - retriesBefore;
            postgres.startServer();

            int atRestart = workload.acceptedCount();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= atRestart + 8);
            workload.stop();

            Workload.Counts counts = workload.assertNothingLostOrDoubled();
            report("PostgreSQL restart", started, counts, "POSTs repeated by the client: " + workload.retries()
                    + " (" + retriesDuringOutage + " before the server came back)");
        }
    }

    @Test
    void servicesStoppedMidStreamAndRestartedLoseAndDoubleNothing(LedgerInfrastructure infra) throws Exception {
        long started = System.nanoTime();
        try (LedgerSystem ledger = LedgerSystem.start(Backing.of(infra), Clock.systemUTC(), ARGS)) {
            Workload workload = new Workload(ledger).register(4);
            workload.post(4);
            workload.startInBackground();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= 10);

            // the service taking the POSTs, while requests are in flight
            ledger.restart("audit-service");
            int afterAudit = workload.acceptedCount();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= afterAudit + 6);
            // the consumer that issues certificates, mid-stream
            ledger.restart("certification-service");
            int afterCertification = workload.acceptedCount();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= afterCertification + 6);
            ledger.restart("registry-query");
            int afterRegistry = workload.acceptedCount();
            await().atMost(FAULT).until(() -> workload.acceptedCount() >= afterRegistry + 4);
            workload.stop();

            Workload.Counts counts = workload.assertNothingLostOrDoubled();
            report("service restarts", started, counts, "POSTs repeated by the client: " + workload.retries());
        }
    }

    /**
     * {@code kill -9} of real service processes (the packaged jars, as run-local starts them) while the client keeps
     * posting: first audit-service, which takes the POSTs (a request in flight is cut off; an audit may be recorded
     * whose answer never left), then certification-service, which consumes them and issues certificates (its
     * transaction is cut off mid-batch and its segments stay claimed until the claim timeout). Every audit answered
     * 201 is in every service once, none twice, and each earned one certificate.
     */
    @Test
    void servicesKilledMidStreamLoseAndDoubleNothing(LedgerInfrastructure infra) throws Exception {
        long started = System.nanoTime();
        try (LedgerSystem ledger = LedgerSystem.start(Backing.of(infra), Clock.systemUTC(),
                java.util.Set.of("audit-service", "certification-service"), ARGS[0],
                // a POST cut off by the kill holds its Idempotency-Key for this long before a repeat may run it
                "--icss.web.idempotency.in-progress-timeout=PT10S")) {
            // a killed JVM starts again from cold: on a loaded 2-core machine that alone can take a minute or two
            Workload workload = new Workload(ledger, KILL, java.time.Period.ofWeeks(1)).register(4);
            workload.post(4);
            workload.startInBackground();
            workload.awaitAccepted(10, KILL);

            long auditPid = ledger.pid("audit-service");
            await().atMost(KILL).pollInterval(Duration.ofMillis(5)).until(workload::inFlight);
            ledger.kill("audit-service");
            int atAuditKill = workload.acceptedCount();
            ledger.start("audit-service");
            workload.awaitAccepted(atAuditKill + 6, KILL);

            long certificationPid = ledger.pid("certification-service");
            ledger.kill("certification-service");
            workload.awaitAccepted(workload.acceptedCount() + 4, KILL);
            ledger.start("certification-service");
            workload.awaitAccepted(workload.acceptedCount() + 4, KILL);
            workload.stop();

            Workload.Counts counts = workload.assertNothingLostOrDoubled();
            report("services killed (kill -9)", started, counts, "killed pids " + auditPid + " (audit-service), "
                    + certificationPid + " (certification-service); POSTs repeated by the client: "
                    + workload.retries() + ", recorded before a kill and found recorded by the repeat: "
                    + workload.recordedWithoutAnswer());
        }
    }

    @Test
    void everyRecordDeliveredTwiceChangesNothing(LedgerInfrastructure infra) throws Exception {
        long started = System.nanoTime();
        try (LedgerSystem ledger = LedgerSystem.start(Backing.of(infra), Clock.systemUTC(), ARGS)) {
            Workload workload = new Workload(ledger).register(3);
            workload.post(12);
            Workload.Counts before = workload.assertNothingLostOrDoubled();

            long auditDuplicates = reproduce(ledger, ledger.topic("audit-service"));
            long certificationDuplicates = reproduce(ledger, ledger.topic("certification-service"));
            long auditRecords = workload.topicRecords(ledger.topic("audit-service"));
            long certificationRecords = workload.topicRecords(ledger.topic("certification-service"));
            // wait until the consumers have handled (and skipped) every duplicate
            await().atMost(FAULT).until(() -> handled(ledger, "certification-service", "audit-events") >= auditRecords);
            await().atMost(FAULT).until(() -> handled(ledger, "registry-query", "registry")
                    >= auditRecords + certificationRecords + workload.topicRecords(ledger.topic("awards-service")));

            Workload.Counts after = workload.assertNothingLostOrDoubled();
            assertThat(after.certificationHandled()).isEqualTo(before.certificationHandled());
            assertThat(after.goldAwarded()).isEqualTo(before.goldAwarded());
            assertThat(after.registryEvents()).isEqualTo(before.registryEvents());
            report("duplicate deliveries", started, after, "records delivered twice: audit topic "
                    + auditDuplicates + ", certification topic " + certificationDuplicates);
        }
    }

    static Backing backing(LedgerInfrastructure infra, String bootstrapServers,
                           java.util.function.Consumer<String[]> topicCreator) {
        Backing shared = Backing.of(infra);
        return new Backing() {
            public String createDatabase(String prefix) {
                return shared.createDatabase(prefix);
            }

            public String jdbcUrl(String database) {
                return shared.jdbcUrl(database);
            }

            public String username() {
                return shared.username();
            }

            public String password() {
                return shared.password();
            }

            public String kafkaBootstrapServers() {
                return bootstrapServers;
            }

            public void createTopics(String... topics) {
                topicCreator.accept(topics);
            }
        };
    }

    static int readiness(LedgerSystem ledger, String service) {
        try {
            // as a kubelet asks: without an API key, whose check would need the database this test stops
            return ledger.send("GET", service, "/actuator/health/readiness", null, null).status();
        } catch (RuntimeException unreachable) {
            return -1;
        }
    }

    /** Events an instance's processor has handled (Axon's Micrometer counter), duplicates included. */
    static double handled(LedgerSystem ledger, String instance, String processor) {
        MeterRegistry registry = ledger.context(instance).getBean(MeterRegistry.class);
        // Axon's dimensional counters carry the processor's name in a tag (processorName or eventProcessor,
        // depending on the version), possibly split further by payload type
        return registry.find("eventProcessor.successCounter").counters().stream()
                .filter(counter -> counter.getId().getTags().stream()
                        .anyMatch(tag -> tag.getValue().equals(processor)))
                .mapToDouble(Counter::count).sum();
    }

    /** Produces every record of the topic again, same key, value and headers; returns how many. */
    static long reproduce(LedgerSystem ledger, String topic) {
        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig)) {
            for (ConsumerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value(),
                        record.headers()));
            }
            producer.flush();
        }
        return records.size();
    }

    static void report(String fault, long startedNanos, Workload.Counts counts, String detail) {
        System.out.printf("FAULT-TEST %s: %.1f s; %s; accepted audits %d, AuditScored in audit-service %d, "
                        + "audit topic records %d, handled by certification-service %d, GoldAwarded %d, "
                        + "registry events %d%n", fault, (System.nanoTime() - startedNanos) / 1e9, detail,
                counts.accepted(), counts.auditEvents(), counts.auditTopicRecords(), counts.certificationHandled(),
                counts.goldAwarded(), counts.registryEvents());
    }
}
