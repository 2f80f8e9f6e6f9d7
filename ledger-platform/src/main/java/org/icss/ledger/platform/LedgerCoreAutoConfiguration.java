package org.icss.ledger.platform;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * What handlers and controllers of every service use: a UTC {@link Clock} (rules take business dates, only the edges
 * read the clock), {@link ProcessedEvents}, which makes consumers idempotent by event id, and
 * {@link KnownOrganisations}, a service's local view of the registered organisations.
 */
@AutoConfiguration
public class LedgerCoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    public ProcessedEvents processedEvents(JdbcTemplate jdbcTemplate) {
        return new ProcessedEvents(jdbcTemplate);
    }

    @Bean
    @ConditionalOnMissingBean
    public KnownOrganisations knownOrganisations(JdbcTemplate jdbcTemplate) {
        return new KnownOrganisations(jdbcTemplate);
    }
}
