package org.icss.ledger.registry.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.icss.ledger.registry.query.notifications.DeliveryRetryPolicy;
import org.icss.ledger.registry.query.notifications.DeliveryWorker;
import org.icss.ledger.registry.query.notifications.NotificationLogPruner;
import org.icss.ledger.registry.query.notifications.NotificationMessages;
import org.icss.ledger.registry.query.notifications.NotificationOutbox;
import org.icss.ledger.registry.query.notifications.SecretBox;
import org.icss.ledger.registry.query.notifications.Subscriptions;
import org.icss.ledger.registry.query.notifications.TargetGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/** Webhook notifications: the outbox the projection writes to, the subscriptions, the delivery worker. */
@Configuration
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NotificationConfiguration.class);

    @Bean
    public NotificationOutbox notificationOutbox(JdbcTemplate jdbc, ObjectMapper json) {
        // standing changes are stamped with the real time they were computed (the lag's start), not a business clock
        return new NotificationOutbox(jdbc, json, Clock.systemUTC());
    }

    @Bean
    public SecretBox webhookSecretBox(NotificationProperties properties) {
        byte[] key;
        if (properties.secretKey() == null || properties.secretKey().isBlank()) {
            log.warn("no icss.notifications.secret-key: webhook secrets are encrypted with a fixed development key; "
                    + "set a random 32-byte key (base64) in production");
            try {
                key = MessageDigest.getInstance("SHA-256")
                        .digest("icss-ledger development webhook key".getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        } else {
            key = Base64.getDecoder().decode(properties.secretKey().strip());
        }
        return new SecretBox(key, new SecureRandom());
    }

    @Bean
    public Subscriptions subscriptions(JdbcTemplate jdbc, PlatformTransactionManager transactions, SecretBox box) {
        return new Subscriptions(jdbc, transactions, box, new SecureRandom(), Clock.systemUTC());
    }

    @Bean
    public org.icss.ledger.registry.query.notifications.OrganisationOwners organisationOwners(JdbcTemplate jdbc,
            org.icss.ledger.registry.query.registry.Generations generations) {
        return new org.icss.ledger.registry.query.notifications.OrganisationOwners(jdbc, generations);
    }

    @Bean
    public TargetGuard webhookTargetGuard(NotificationProperties properties) {
        return new TargetGuard(InetAddress::getAllByName, properties.allowHttp(), properties.allowLoopback(),
                properties.allowPrivateTargets());
    }

    @Bean
    public NotificationMessages notificationMessages(NotificationProperties properties) {
        return new NotificationMessages(properties.source());
    }

    /** The delivery worker, on its own threads; {@code icss.notifications.enabled=false} leaves it out. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "icss.notifications.enabled", havingValue = "true", matchIfMissing = true)
    public DeliveryWorker deliveryWorker(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                         Subscriptions subscriptions, NotificationMessages messages,
                                         TargetGuard guard, NotificationProperties properties, MeterRegistry meters) {
        return new DeliveryWorker(jdbc, transactions, subscriptions, messages, guard,
                new DeliveryWorker.Settings(properties.senders(), properties.perSubscription(),
                        properties.pollInterval(), properties.lease(), properties.connectTimeout(),
                        properties.requestTimeout(), new DeliveryRetryPolicy.Schedule(properties.firstRetry(),
                        properties.maxRetry(), properties.failingAfter())),
                Clock.systemUTC(), meters).start();
    }

    /** Deletes old delivery log entries and finished deliveries, beside the delivery worker. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "icss.notifications.enabled", havingValue = "true", matchIfMissing = true)
    public NotificationLogPruner notificationLogPruner(JdbcTemplate jdbc, NotificationProperties properties) {
        return new NotificationLogPruner(jdbc, properties.logRetention(), Clock.systemUTC())
                .every(properties.pruneEvery());
    }
}
