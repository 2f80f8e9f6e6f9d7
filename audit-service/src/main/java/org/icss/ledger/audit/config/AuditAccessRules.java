package org.icss.ledger.audit.config;

import org.icss.ledger.audit.query.registrations.OrganisationRegistrations;
import org.icss.ledger.platform.security.ApiKeyRole;
import org.icss.ledger.platform.security.LedgerAccessRules;
import org.icss.ledger.platform.security.MemberBodyAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may write to audit-service: member bodies' keys only. A new organisation is registered by (and for) the key's
 * own member body (checked by the controller, which sees the body); anything posted under an organisation, only by the
 * key of the member body that registered it (403 otherwise). What was posted is read back by that member body,
 * compliance staff and administrators; the standards catalogue is public. A bulk import is a member body's; each of
 * its lines is checked for ownership as the single endpoint's path is ({@code ImportLines}). An import's progress is
 * for its member body (the controller answers another's with 404), compliance and admins.
 */
@Configuration
public class AuditAccessRules {

    @Bean
    LedgerAccessRules auditServiceAccessRules(OrganisationRegistrations registrations) {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/organisations")
                    .hasRole(ApiKeyRole.MEMBER_BODY.name());
            rules.requestMatchers(HttpMethod.POST, "/api/v1/organisations/{organisationId}/**")
                    .access(MemberBodyAccess.registeringMemberBody(registrations::registeredBy));
            rules.requestMatchers(HttpMethod.POST, "/api/v1/imports").hasRole(ApiKeyRole.MEMBER_BODY.name());
            rules.requestMatchers(HttpMethod.GET, "/api/v1/imports/*").hasAnyRole(ApiKeyRole.MEMBER_BODY.name(),
                    ApiKeyRole.COMPLIANCE.name(), ApiKeyRole.ADMIN.name());
            for (HttpMethod read : new HttpMethod[]{HttpMethod.GET, HttpMethod.HEAD}) {
                rules.requestMatchers(read, "/api/v1/organisations/{organisationId}",
                                "/api/v1/organisations/{organisationId}/**")
                        .access(MemberBodyAccess.readableBy(registrations::registeredBy));
                rules.requestMatchers(read, "/api/v1/standards", "/api/v1/standards/**").permitAll();
            }
        };
    }
}
