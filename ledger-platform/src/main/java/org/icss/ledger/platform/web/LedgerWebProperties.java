package org.icss.ledger.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Limits of the HTTP API of every service.
 *
 * @param maxBodySize largest request body accepted; larger is answered 413
 * @param idempotency how long Idempotency-Keys are kept
 * @param rateLimit   per-client-IP limit of the public lookups
 * @param writes      back-pressure on writes
 * @param streamingPaths paths (Ant patterns) whose endpoint reads its body as a stream, with limits of its own, and
 *                    keeps its own Idempotency-Key (audit-service's bulk import, {@code /api/v1/imports}): the body
 *                    size limit and the Idempotency-Key filter leave them to it
 */
@ConfigurationProperties("icss.web")
public record LedgerWebProperties(
        @DefaultValue("64KB") DataSize maxBodySize,
        @DefaultValue Idempotency idempotency,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Writes writes,
        @DefaultValue("/api/v1/imports") List<String> streamingPaths) {

    /**
     * At most {@code maxConcurrent} writes are worked on at once; one that finds no room within
     * {@code admissionWait} is refused with 503 and {@code Retry-After: retryAfter} instead of waiting.
     */
    public record Writes(@DefaultValue("16") int maxConcurrent,
                         @DefaultValue("PT0.1S") Duration admissionWait,
                         @DefaultValue("PT1S") Duration retryAfter) {
    }

    /**
     * @param retention         an answered key is replayed for this long, then forgotten
     * @param inProgressTimeout a key whose first request has not finished after this long (a crash) may be used again
     */
    public record Idempotency(@DefaultValue("P1D") Duration retention,
                              @DefaultValue("PT1M") Duration inProgressTimeout) {
    }

    /**
     * A token bucket per client IP address: {@code capacity} requests at once, refilled evenly over
     * {@code refillPeriod}; over it, 429 with Retry-After.
     *
     * @param paths      the paths limited (Ant patterns)
     * @param maxClients IP addresses tracked at once; past it idle ones are forgotten
     */
    public record RateLimit(@DefaultValue("true") boolean enabled,
                            @DefaultValue("120") long capacity,
                            @DefaultValue("PT1M") Duration refillPeriod,
                            @DefaultValue("/api/v1/registry/**") List<String> paths,
                            @DefaultValue("100000") int maxClients) {
    }
}
