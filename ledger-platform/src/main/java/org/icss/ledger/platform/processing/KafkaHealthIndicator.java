package org.icss.ledger.platform.processing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Whether the Kafka cluster answers ({@code describeCluster} with a short timeout), part of the readiness group: a
 * replica that cannot reach the broker takes no new writes, since it could not publish them. The answer is cached
 * for {@code cacheFor}, so that probes every few seconds do not each open a round trip; a DOWN answer is not cached.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private final String bootstrapServers;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock = Clock.systemUTC();
    private Admin admin;
    private Health cached;
    private Instant cachedAt = Instant.MIN;

    public KafkaHealthIndicator(String bootstrapServers, Duration timeout, Duration cacheFor) {
        super("Kafka health check failed");
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
    }

    @Override
    protected synchronized void doHealthCheck(Health.Builder builder) throws Exception {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cachedAt.plus(cacheFor))) {
            builder.status(cached.getStatus()).withDetails(cached.getDetails());
            return;
        }
        try {
            DescribeClusterResult cluster = admin().describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Health health = Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes)
                    .withDetail("bootstrapServers", bootstrapServers).build();
            cached = health;
            cachedAt = now;
            builder.status(Status.UP).withDetails(health.getDetails());
        } catch (Exception e) {
            cached = null;
            builder.down().withDetail("bootstrapServers", bootstrapServers)
                    .withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Admin admin() {
        if (admin == null) {
            int millis = (int) timeout.toMillis();
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.CLIENT_ID_CONFIG, "health-" + Integer.toHexString(System.identityHashCode(this)),
                    AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
