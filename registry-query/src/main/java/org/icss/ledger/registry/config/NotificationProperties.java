package org.icss.ledger.registry.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * Webhook notifications ({@code icss.notifications.*}, docs/ARCHITECTURE.md "Notifications").
 *
 * @param enabled             whether this replica runs the delivery worker (subscriptions and the outbox always work)
 * @param secretKey           base64 of the 32-byte AES key that encrypts webhook secrets at rest; none: a fixed
 *                            development key, with a warning (never in production: anyone with the source could
 *                            decrypt the stored secrets)
 * @param source              the CloudEvents {@code source} of every notification
 * @param allowHttp           plain http targets (the {@code local} profile; tests)
 * @param allowLoopback       loopback targets (tests with a receiver on the same machine)
 * @param allowPrivateTargets targets at any address: loopback, private, link-local (the {@code local} profile only)
 * @param senders             threads sending webhooks on each replica
 * @param perSubscription     requests in flight to one subscription at most, per replica
 * @param pollInterval        how often due deliveries are looked for while there are none
 * @param lease               how long a claimed delivery is left to its replica before another may send it again
 * @param connectTimeout      connecting to a receiver
 * @param requestTimeout      a receiver's whole answer
 * @param firstRetry          the first back-off step (doubled after each failure, with jitter)
 * @param maxRetry            the longest back-off step
 * @param failingAfter        a delivery failing this long marks its subscription FAILING (attempts go on)
 * @param rotationOverlap     how long a rotated-out secret still signs beside the new one
 * @param logRetention        how long the delivery log's attempts and finished (delivered, cancelled) deliveries are
 *                            kept; pending deliveries and the notifications themselves are never pruned
 * @param pruneEvery          how often what is older than {@code logRetention} is deleted
 */
@ConfigurationProperties("icss.notifications")
public record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        String secretKey,
        @DefaultValue("urn:icss:registry") URI source,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue("false") boolean allowLoopback,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("32") int senders,
        @DefaultValue("8") int perSubscription,
        @DefaultValue("PT0.1S") Duration pollInterval,
        @DefaultValue("PT1M") Duration lease,
        @DefaultValue("PT5S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration requestTimeout,
        @DefaultValue("PT5S") Duration firstRetry,
        @DefaultValue("PT1H") Duration maxRetry,
        @DefaultValue("PT24H") Duration failingAfter,
        @DefaultValue("PT24H") Duration rotationOverlap,
        @DefaultValue("P30D") Duration logRetention,
        @DefaultValue("PT1H") Duration pruneEvery) {
}
