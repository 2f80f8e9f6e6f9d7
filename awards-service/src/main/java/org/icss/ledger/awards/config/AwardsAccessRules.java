package org.icss.ledger.awards.config;

import org.icss.ledger.platform.security.ApiKeyRole;
import org.icss.ledger.platform.security.LedgerAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** ISEA winners are the Council secretariat's to post: its key only, for any organisation. */
@Configuration
public class AwardsAccessRules {

    @Bean
    LedgerAccessRules awardsServiceAccessRules() {
        return rules -> rules.requestMatchers(HttpMethod.POST, "/api/v1/awards")
                .hasRole(ApiKeyRole.SECRETARIAT.name());
    }
}
