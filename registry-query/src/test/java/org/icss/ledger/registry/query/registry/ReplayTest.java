package org.icss.ledger.registry.query.registry;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.ProfessionalEvent;
import org.icss.ledger.platform.Rejected;
import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A replay rebuilds the read models from the topics into a new generation and switches over. */
@ExtendWith(LedgerInfrastructureExtension.class)
class ReplayTest {

    private static final List<String> TABLES = List.of("organisation", "certificate", "certificate_change",
            "revocation", "award", "employment_change", "credential", "history_entry");

    private ReadModels models;
    private LedgerInfrastructure infra;
    private KafkaMessageConverter<String, byte[]> converter;
    private List<String> topics;

    @BeforeEach
    void setUp(LedgerInfrastructure infra) {
        this.infra = infra;
        models = new ReadModels(infra, "registry_replay");
        converter = DefaultKafkaMessageConverter.builder()
                .serializer(JacksonSerializer.builder().objectMapper(ReadModels.JSON).build())
                .sequencingPolicy(event -> ((LedgerEvent) event.getPayload()).partitionKey()).build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        topics = List.of("icss.certification.events-" + run, "icss.audit.events-" + run);
        infra.createTopics(topics.toArray(String[]::new));
    }

    @Test
    void aReplayOfTheSameEventsGivesIdenticalReadModelsAndSwitchesOver() {
        List<LedgerEvent> events = history();
        publish(events);
        List<LedgerEvent> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        models.feed(reversed);  // the live projection, in another order
        Map<String, List<Map<String, Object>>> before = dump("registry_g1");

        Replays.Progress progress = replays().runNow();

        assertThat(progress.state()).isEqualTo(Replays.State.SWITCHED);
        assertThat(progress.generation()).isEqualTo(2);
        assertThat(progress.eventsTotal()).isEqualTo(events.size());
        assertThat(progress.eventsDone()).isEqualTo(events.size());
        assertThat(progress.etaSeconds()).isZero();
        assertThat(models.generations.currentSchema()).isEqualTo("registry_g2");
        assertThat(dump("registry_g2")).isEqualTo(before);
        assertThat(models.reader.platinum(LocalDate.of(2026, 6, 1), null)).extracting(s -> s.organisation().name())
                .containsExactly("Harbour Bank");
    }

    @Test
    void theCurrentTablesAnswerWhileANewGenerationIsBuiltAndTheLiveProjectionFillsBoth() {
        List<LedgerEvent> events = history();
        models.feed(events.subList(0, 4));

        int building = models.generations.createBuilding();
        models.feed(events.subList(4, events.size()));

        assertThat(models.generations.currentSchema()).isEqualTo("registry_g1");
        assertThat(models.generations.writableSchemas()).containsExactly("registry_g1", "registry_g" + building);
        assertThat(count("registry_g1", "history_entry")).isGreaterThan(count("registry_g2", "history_entry"));
        assertThat(count("registry_g2", "organisation")).isEqualTo(3);  // registered after the replay began

        models.generations.switchTo(building);
        int third = models.generations.createBuilding();
        models.generations.switchTo(third);

        assertThat(models.generations.currentSchema()).isEqualTo("registry_g3");
        // generation 2 is kept until the next switch; generation 1 is dropped
        assertThat(models.jdbc.queryForList("SELECT schema_name FROM information_schema.schemata WHERE schema_name "
                + "LIKE 'registry_g%' ORDER BY 1", String.class)).containsExactly("registry_g2", "registry_g3");
    }

    @Test
    void onlyOneReplayRunsAtATimeAcrossReplicas() throws Exception {
        Replays replays = replays();
        UUID elsewhere = UUID.randomUUID();
        try (Connection otherReplica = models.jdbc.getDataSource().getConnection()) {
            holdReplayLock(otherReplica, elsewhere);

            assertThatThrownBy(replays::start).isInstanceOf(Rejected.class).hasMessageContaining("Wait for the running replay");
            // a replica starting meanwhile, and anyone reading the progress, leave the other replica's replay alone
            Replays startingReplica = replays();
            assertThat(startingReplica.status(elsewhere).orElseThrow().state()).isEqualTo(Replays.State.RUNNING);
            assertThat(models.generations.writableSchemas()).contains("registry_g2");
        }
    }

    @Test
    void aReplayWhoseReplicaDiedIsFailedAndTheNextOneRuns() throws Exception {
        List<LedgerEvent> events = history();
        publish(events);
        models.feed(events);
        Replays replays = replays();
        UUID orphan = UUID.randomUUID();
        try (Connection diedReplica = models.jdbc.getDataSource().getConnection()) {
            holdReplayLock(diedReplica, orphan);
        }  // the connection closes with the replica, and its lock with it

        Replays.Progress cutOff = replays.status(orphan).orElseThrow();
        assertThat(cutOff.state()).isEqualTo(Replays.State.FAILED);
        assertThat(cutOff.error()).contains("interrupted");
        assertThat(models.generations.writableSchemas()).containsExactly("registry_g1");

        Replays.Progress next = replays.runNow();
        assertThat(next.state()).isEqualTo(Replays.State.SWITCHED);
        assertThat(next.eventsDone()).isEqualTo(events.size());
    }

    /** What a replica running a replay holds: the advisory lock, a RUNNING row and a generation being built. */
    private void holdReplayLock(Connection connection, UUID replayId) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, Replays.LOCK_KEY);
            lock.execute();
        }
        int generation = models.generations.createBuilding();
        models.jdbc.update("INSERT INTO replay (replay_id, generation, state, started_at) VALUES (?, ?, 'RUNNING', "
                + "now())", replayId, generation);
    }

    private static List<LedgerEvent> history() {
        List<LedgerEvent> events = new ArrayList<>(Events.sampleRegistry());
        Instant corrected = Events.RECORDED.plusSeconds(3600);
        var gold = Events.gold("org-gold", "ICSS-G-2025-BBBBBBBBBB", LocalDate.of(2025, 9, 1), Events.RECORDED);
        events.add(Events.correction("org-gold", "audit-ICSS-G-2025-BBBBBBBBBB", gold.effectiveOn(), corrected));
        events.add(Events.revoked(gold, corrected));
        events.add(Events.certified("org-gold", "ICSS-C-2025-BBBBBBBBBB", gold.effectiveOn(), corrected));
        return events;
    }

    private Replays replays() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return new Replays(models.jdbc, models.transactions, models.generations, models.projection, models.standings, converter,
                () -> new KafkaConsumer<>(config), topics, 3, Duration.ofMillis(200), Clock.systemUTC());
    }

    /** Certification and professional events to one topic, the rest to the other, as the services would. */
    private void publish(List<LedgerEvent> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (LedgerEvent event : events) {
                String name = event.getClass().getSimpleName();
                String topic = event instanceof ProfessionalEvent || name.startsWith("Certif")
                        || name.startsWith("Gold") || name.startsWith("Employment") ? topics.get(0) : topics.get(1);
                ProducerRecord<String, byte[]> record = converter.createKafkaMessage(
                        GenericEventMessage.asEventMessage(event), topic);
                producer.send(record);
            }
            producer.flush();
        }
    }

    private Map<String, List<Map<String, Object>>> dump(String schema) {
        Map<String, List<Map<String, Object>>> tables = new java.util.TreeMap<>();
        for (String table : TABLES) {
            tables.put(table, models.jdbc.queryForList("SELECT * FROM " + schema + "." + table + " ORDER BY 1"));
        }
        // the precomputed answers: the same whatever order the events came in (the version counts computations)
        tables.put("standing", models.jdbc.queryForList("SELECT organisation_id, dirty, computed_on, changes_on, "
                + "answer FROM " + schema + ".standing ORDER BY 1"));
        tables.put("standing_period", models.jdbc.queryForList("SELECT * FROM " + schema + ".standing_period "
                + "ORDER BY 1, 2"));
        tables.values().forEach(rows -> rows.forEach(row -> row.replaceAll((column, value) -> {
            try {
                return value instanceof java.sql.Array array ? java.util.Arrays.asList((Object[]) array.getArray())
                        : value instanceof org.postgresql.util.PGobject json ? json.getValue() : value;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        })));
        return tables;
    }

    private int count(String schema, String table) {
        return models.jdbc.queryForObject("SELECT count(*) FROM " + schema + "." + table, Integer.class);
    }
}
