package org.icss.ledger.certification.config;

import org.axonframework.common.caching.Cache;
import org.icss.ledger.platform.aggregates.AggregateCaches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The scheduler's daily advance, and the caches the {@code Certification} and {@code Professional} aggregates are
 * loaded from ({@code icss.aggregates.*}, ledger-platform); the rules' parameters are the platform's
 * ({@code RulesProperties}).
 */
@Configuration
@EnableScheduling
public class CertificationConfiguration {

    @Bean
    public Cache certificationCache(AggregateCaches caches) {
        return caches.newCache();
    }

    @Bean
    public Cache professionalCache(AggregateCaches caches) {
        return caches.newCache();
    }
}
