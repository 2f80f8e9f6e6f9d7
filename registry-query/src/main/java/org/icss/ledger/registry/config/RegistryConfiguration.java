package org.icss.ledger.registry.config;

import org.icss.ledger.registry.query.registry.PlatinumPolicy;
import org.icss.ledger.registry.query.registry.StandingPolicy;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The standing rules with their configured parameters: one instance that every answer uses. */
@Configuration
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryConfiguration {

    @Bean
    public PlatinumPolicy platinumPolicy(RegistryProperties properties) {
        return new PlatinumPolicy(properties.platinumLaunch());
    }

    @Bean
    public StandingPolicy standingPolicy(PlatinumPolicy platinumPolicy) {
        return new StandingPolicy(platinumPolicy);
    }
}
