package org.icss.ledger.audit.config;

import org.axonframework.common.caching.Cache;
import org.icss.ledger.platform.aggregates.AggregateCaches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cache the {@code Organisation} aggregate is loaded from ({@code icss.aggregates.*}, ledger-platform). */
@Configuration
public class AggregateConfiguration {

    @Bean
    public Cache organisationCache(AggregateCaches caches) {
        return caches.newCache();
    }
}
