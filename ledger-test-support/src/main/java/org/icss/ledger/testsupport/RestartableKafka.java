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
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An in-process KRaft Kafka cluster of its own (one broker, one controller), on a fixed port, whose broker a fault
 * test can stop and start again: same port, same log directories, so the clients reconnect to the same address
 * and find every record they had. Not shared with other tests.
 */
public final class RestartableKafka implements AutoCloseable {

    private static final int PARTITIONS = 3;

    private final EmbeddedKafkaKraftBroker kafka;
    private final int port;

    private RestartableKafka(int port) {
        this.port = port;
        this.kafka = new EmbeddedKafkaKraftBroker(1, PARTITIONS).kafkaPorts(port);
        kafka.afterPropertiesSet();
    }

    public static RestartableKafka start() {
        return new RestartableKafka(freePort());
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
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                admin.describeTopics(List.copyOf(kafka.getTopics().isEmpty() ? List.of() : kafka.getTopics()))
                        .allTopicNames().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the broker did not come back", e);
                }
            }
        }
    }

    public void createTopics(String... topics) {
        try (Admin admin = admin()) {
            admin.createTopics(Arrays.stream(topics).map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("creating topics " + Arrays.toString(topics), e);
        }
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
