package org.icss.ledger.certification.config;

import org.icss.ledger.platform.security.ApiKeyRole;
import org.icss.ledger.platform.security.LedgerAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may write to certification-service. CCSM professionals (credentials, employments, erasure) are written by
 * member bodies' keys, any member body's: a CCSM credential belongs to a person, not to an organisation, and a person
 * certified through one member body may work for an organisation another member body registered, so professionals
 * are not scoped to the organisations of one member body. The daily advance is an operation: ADMIN or COMPLIANCE.
 */
@Configuration
public class CertificationAccessRules {

    @Bean
    LedgerAccessRules certificationServiceAccessRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/operations/**")
                    .hasAnyRole(ApiKeyRole.ADMIN.name(), ApiKeyRole.COMPLIANCE.name());
            rules.requestMatchers(HttpMethod.POST, "/api/v1/professionals", "/api/v1/professionals/**")
                    .hasRole(ApiKeyRole.MEMBER_BODY.name());
            rules.requestMatchers(HttpMethod.DELETE, "/api/v1/professionals/**")
                    .hasAnyRole(ApiKeyRole.MEMBER_BODY.name(), ApiKeyRole.ADMIN.name());
        };
    }
}
