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
 */
@ConfigurationProperties("icss.registry")
public record RegistryProperties(
        @DefaultValue("2013-01-01") LocalDate platinumLaunch,
        @DefaultValue("500") int replayBatchSize,
        @DefaultValue("PT1S") java.time.Duration replayPollTimeout) {
}
