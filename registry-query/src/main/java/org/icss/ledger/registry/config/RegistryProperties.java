package org.icss.ledger.registry.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.LocalDate;

/**
 * The registry's settings.
 *
 * @param platinumLaunch   no Platinum standing before this date (DOMAIN.md: launched in the ISEA 2013 awards season)
 * @param replayBatchSize  records a replay applies per transaction
 * @param replayPollTimeout how long a replay waits for records from Kafka in one poll
 * @param standingRefreshInterval how often the precomputed standings of organisations with new events (or whose
 *                          answer for today ran out) are computed again
 * @param standingRefreshBatch organisations computed per transaction (their standing rows stay locked meanwhile, so an
 *                          event about one of them waits: small batches keep the live projection moving)
 * @param cacheMaxAge      how long a client or proxy may reuse a public answer (Cache-Control max-age)
 * @param renderedAnswers  organisations whose answer for today each replica keeps rendered as JSON (sent as is while
 *                          the kept answer's version is unchanged); 0 renders every time
 * @param signing          the key that signs verification answers, and retired keys still published
 */
@ConfigurationProperties("icss.registry")
public record RegistryProperties(
        @DefaultValue("2013-01-01") LocalDate platinumLaunch,
        @DefaultValue("500") int replayBatchSize,
        @DefaultValue("PT1S") java.time.Duration replayPollTimeout,
        @DefaultValue("PT0.1S") java.time.Duration standingRefreshInterval,
        @DefaultValue("25") int standingRefreshBatch,
        @DefaultValue("PT30S") java.time.Duration cacheMaxAge,
        @DefaultValue("10000") int renderedAnswers,
        @DefaultValue("PT30S") java.time.Duration vacuumInterval,
        @DefaultValue Signing signing) {

    /**
     * @param keyFile        a private EC P-256 JWK with a kid; none: a key generated at start (development only)
     * @param retiredKeyFiles JWKs of earlier signing keys, still published until what they signed has expired
     */
    public record Signing(java.nio.file.Path keyFile,
                          @DefaultValue java.util.List<java.nio.file.Path> retiredKeyFiles) {
    }
}
