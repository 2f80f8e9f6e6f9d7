package org.icss.ledger.platform;

import org.icss.ledger.rules.CertificationRules;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The shared certification rules' parameters ({@link RulesProperties}) as one {@link CertificationRules} bean. */
@AutoConfiguration
@EnableConfigurationProperties(RulesProperties.class)
public class LedgerRulesAutoConfiguration {

    /** Injected into the command handlers that play the certificate timeline. */
    @Bean
    public CertificationRules certificationRules(RulesProperties properties) {
        return properties.toRules();
    }
}
