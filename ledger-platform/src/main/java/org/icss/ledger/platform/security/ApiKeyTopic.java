package org.icss.ledger.platform.security;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One key per member body or role, valid on every service: every change of a key is published on a topic of its own
 * ({@code icss.security.key-topic}, {@code icss.keys}: one partition, compacted, records keyed by key id, each the
 * key's whole state by hash, {@link ApiKeyEvent}), and every service reads that topic from offset 0 into its own
 * {@code api_key} table ({@link ApiKeyStore#apply}), so a key issued at the administering service works everywhere and
 * a revocation takes effect everywhere as soon as the record arrives (well under a second when Kafka is up).
 * <p>
 * Start-up: this lifecycle starts before the web server and waits, up to {@code icss.security.key-catch-up-timeout},
 * until it has read the topic up to the end offsets it found when it started; until then a request with a key is
 * answered 503 ({@link #caughtUp()}), so a key revoked while the service was down is never accepted. Then it announces
 * the keys of its table whose latest state is not on the topic (keys issued before the topic existed, seeded keys,
 * changes Kafka did not acknowledge), and again every {@code icss.security.key-announce-interval}.
 */
public class ApiKeyTopic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyTopic.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration KAFKA_CALL = Duration.ofSeconds(10);

    private final ApiKeyStore store;
    private final String bootstrapServers;
    private final String clientId;
    private final ApiKeyTopicProperties properties;
    private final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final CountDownLatch caughtUpLatch = new CountDownLatch(1);
    private final MeterRegistry registry;

    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private Thread reader;

    public ApiKeyTopic(ApiKeyStore store, String bootstrapServers, String clientId, ApiKeyTopicProperties properties) {
        this(store, bootstrapServers, clientId, properties, null);
    }

    /**
     * @param registry where to publish {@code icss.keys.current} (1 once the topic is read to its end at start) and
     *                 {@code icss.keys.applied{change=added|revoked|unchanged}}, or null
     */
    public ApiKeyTopic(ApiKeyStore store, String bootstrapServers, String clientId, ApiKeyTopicProperties properties,
                       MeterRegistry registry) {
        this.store = store;
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
        this.properties = properties;
        this.registry = registry;
        if (registry != null) {
            Gauge.builder("icss.keys.current", this, topic -> topic.caughtUp ? 1 : 0)
                    .description("1 once this service has read the key topic to where it ended at start-up")
                    .register(registry);
        }
    }

    /** Whether this service has read the key topic up to where it ended when the service started. */
    public boolean caughtUp() {
        return caughtUp;
    }

    public String topic() {
        return properties.keyTopic();
    }

    /**
     * Publishes the current state of a key changed here and waits for Kafka's acknowledgement (up to 10 s).
     *
     * @return false if Kafka did not acknowledge it: the change stands here and is announced again until it is
     */
    public boolean publish(String type, String keyId) {
        Optional<ApiKeyState> state = store.state(keyId);
        if (state.isEmpty()) {
            return false;
        }
        try {
            send(type, state.get()).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            store.markAnnounced(state.get());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            log.warn("key {} ({}) not yet announced on {}: {}; it will be announced again every {}", keyId, type,
                    topic(), e.getMessage(), properties.keyAnnounceInterval());
            return false;
        }
    }

    private Future<RecordMetadata> send(String type, ApiKeyState state) {
        try {
            return producer.send(new ProducerRecord<>(topic(), state.keyId(),
                    json.writeValueAsBytes(ApiKeyEvent.of(type, state))));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        running = true;
        producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId + "-keys",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis()),
                new StringSerializer(), new ByteArraySerializer());
        reader = new Thread(this::read, "api-key-topic");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!caughtUpLatch.await(properties.keyCatchUpTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the key topic {} was not read to its end within {}; requests with a key are answered 503 "
                        + "until it is", topic(), properties.keyCatchUpTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        long nextAnnouncement = 0;
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-keys",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                if (!running) {
                    return;
                }
                ensureTopic();
                List<TopicPartition> partitions = partitions(kafka);
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                Map<TopicPartition, Long> ends = kafka.endOffsets(partitions, KAFKA_CALL);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        apply(record);
                    }
                    if (!caughtUp && partitions.stream().allMatch(p -> kafka.position(p, KAFKA_CALL) >= ends.get(p))) {
                        caughtUp = true;
                        caughtUpLatch.countDown();
                        log.info("read the key topic {} to its end offsets {}", topic(), ends.values());
                    }
                    if (caughtUp && System.nanoTime() - nextAnnouncement >= 0) {
                        try {
                            announceUnannounced();
                        } catch (RuntimeException e) {
                            log.warn("announcing keys on {} failed ({}); again in {}", topic(), e.toString(),
                                    properties.keyAnnounceInterval());
                        }
                        nextAnnouncement = System.nanoTime() + properties.keyAnnounceInterval().toNanos();
                    }
                }
            } catch (WakeupException e) {
                // stop()
            } catch (RuntimeException e) {
                if (running) {
                    log.warn("reading the key topic {} failed ({}); trying again", topic(), e.toString());
                    sleep(Duration.ofSeconds(2));
                }
            } finally {
                consumer = null;
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        ApiKeyEvent event;
        try {
            event = json.readValue(record.value(), ApiKeyEvent.class);
        } catch (IOException e) {
            log.warn("key topic {}: record at offset {} is not a key event and is skipped: {}", topic(),
                    record.offset(), e.getMessage());
            return;
        }
        if (event.keyId() == null || event.keySha256() == null || event.role() == null
                || event.createdAt() == null) {
            log.warn("key topic {}: record at offset {} lacks a key id, hash, role or creation time; skipped",
                    topic(), record.offset());
            return;
        }
        boolean changed = store.apply(event.state());
        if (changed && event.revokedAt() != null) {
            log.info("key {} revoked ({} from the key topic)", event.keyId(), event.type());
        }
        if (registry != null) {
            registry.counter("icss.keys.applied", "change",
                    !changed ? "unchanged" : event.revokedAt() != null ? "revoked" : "added").increment();
        }
    }

    private void announceUnannounced() {
        List<ApiKeyState> keys = store.unannounced();
        if (keys.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ApiKeyState key : keys) {
            sent.add(send(ApiKeyEvent.ANNOUNCED, key));
        }
        int announced = 0;
        try {
            for (int i = 0; i < keys.size(); i++) {
                sent.get(i).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                store.markAnnounced(keys.get(i));
                announced++;
            }
            log.info("announced {} key(s) on {} that were not on it", announced, topic());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("announced {} of {} key(s) on {}; the rest again in {}: {}", announced, keys.size(), topic(),
                    properties.keyAnnounceInterval(), e.getMessage());
        }
    }

    /** The key topic: one partition (one order of all key changes), compacted (the latest state of each key). */
    private void ensureTopic() {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-keys-admin"))) {
            if (admin.listTopics().names().get(KAFKA_CALL.toMillis(), TimeUnit.MILLISECONDS).contains(topic())) {
                return;
            }
            admin.createTopics(List.of(new NewTopic(topic(), Optional.of(1), Optional.empty())
                    .configs(Map.of("cleanup.policy", "compact")))).all()
                    .get(KAFKA_CALL.toMillis(), TimeUnit.MILLISECONDS);
            log.info("created the key topic {}", topic());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create the key topic " + topic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + KAFKA_CALL, e);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> kafka) {
        List<PartitionInfo> infos = kafka.partitionsFor(topic(), KAFKA_CALL);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("the key topic " + topic() + " has no partitions yet");
        }
        return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (reader != null) {
            try {
                reader.join(Duration.ofSeconds(10).toMillis());
                if (reader.isAlive()) {
                    reader.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server opens (and before Axon's processors): keys first. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE / 2;
    }
}
