package org.icss.ledger.testsupport;

import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * An in-process KRaft Kafka cluster of its own (one broker, one controller), on a fixed port, whose broker a fault
 * test can stop and start again: same port, same log directories, so the clients reconnect to the same address
 * and find every record they had. Not shared with other tests.
 */
public final class RestartableKafka implements AutoCloseable {

    private static final int PARTITIONS = 3;
    /** Between two polls of the broker. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final EmbeddedKafkaKraftBroker kafka;
    private final int port;

    private RestartableKafka(int port) {
        this.port = port;
        // spring-kafka-test 3.3's KRaft broker ignores kafkaPorts(...) and listens on a random port, which changes
        // on a restart: the broker's listener is set to the fixed port instead
        this.kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        kafka.brokerProperty("listeners", "EXTERNAL://127.0.0.1:" + port + ",CONTROLLER://localhost:0");
        kafka.afterPropertiesSet();
    }

    /** Starts the cluster; returns once its broker answers (on a loaded machine that takes a while). */
    public static RestartableKafka start() {
        RestartableKafka kafka = new RestartableKafka(freePort());
        try {
            kafka.awaitBroker();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (the controller stays); clients see connection refused until {@link #startBroker()}. */
    public void stopBroker() {
        for (BrokerServer broker : kafka.getCluster().brokers().values()) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    /** Starts the stopped broker again on the same port and log directories; returns once it answers. */
    public void startBroker() {
        for (BrokerServer broker : kafka.getCluster().brokers().values()) {
            broker.startup();
        }
        awaitBroker();
    }

    private void awaitBroker() {
        await("the broker answers").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(POLL_INTERVAL).ignoreExceptions().until(this::brokerAnswers);
    }

    private boolean brokerAnswers() throws Exception {
        try (Admin admin = admin()) {
            if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                return false;
            }
            admin.describeTopics(List.copyOf(kafka.getTopics())).allTopicNames().get(5, TimeUnit.SECONDS);
            return true;
        }
    }

    /** Creates the topics, trying again for up to 60 s while the broker is not ready for them. */
    public void createTopics(String... topics) {
        await("creating topics " + Arrays.toString(topics)).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(POLL_INTERVAL).ignoreExceptions().until(() -> {
                    try (Admin admin = admin()) {
                        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                        List<NewTopic> missing = Arrays.stream(topics).filter(t -> !existing.contains(t))
                                .map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList();
                        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                        return true;
                    }
                });
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    @Override
    public void close() {
        kafka.destroy();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
