package org.icss.ledger.audit.config;

import org.icss.ledger.events.StandardsCatalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class CatalogueConfiguration {

    @Bean
    public StandardsCatalogue standardsCatalogue() {
        return StandardsCatalogue.shipped();
    }
}
