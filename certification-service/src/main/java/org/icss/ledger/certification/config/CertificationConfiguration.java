package org.icss.ledger.certification.config;

import org.icss.ledger.certification.command.CertificationRules;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableScheduling
@EnableConfigurationProperties(RulesProperties.class)
public class CertificationConfiguration {

    /** Injected into the Certification aggregate's command handlers. */
    @Bean
    public CertificationRules certificationRules(RulesProperties properties) {
        return properties.toRules();
    }
}
