package org.icss.ledger.certification.config;

import org.icss.ledger.certification.query.contact.ProfessionalContact;
import org.icss.ledger.certification.query.contact.ProfessionalContacts;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.platform.security.ApiCaller;
import org.icss.ledger.platform.security.ApiKeyRole;
import org.icss.ledger.platform.security.LedgerAccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Optional;

/**
 * Who may write to certification-service. Any member body's key registers a CCSM professional (a credential belongs
 * to a person, not to an organisation, and a person certified through one member body may work for an organisation
 * another member body registered); from then on only that member body's keys, and ADMIN, may change the professional
 * (credentials, employments) or erase the personal data ({@link ProfessionalContact#changeableBy}): another key gets
 * 403 problem+json. An unknown professional is let through to the controller, which answers 404. Reading a
 * professional needs any key; the controller leaves out the name and email unless
 * {@link ProfessionalContact#personalDataReadableBy} the caller. The daily advance is an operation: ADMIN or
 * COMPLIANCE.
 */
@Configuration
public class CertificationAccessRules {

    @Bean
    LedgerAccessRules certificationServiceAccessRules(ProfessionalContacts contacts) {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/operations/**")
                    .hasAnyRole(ApiKeyRole.ADMIN.name(), ApiKeyRole.COMPLIANCE.name());
            rules.requestMatchers(HttpMethod.POST, "/api/v1/professionals")
                    .hasRole(ApiKeyRole.MEMBER_BODY.name());
            rules.requestMatchers(HttpMethod.POST, "/api/v1/professionals/{professionalId}/**")
                    .access(registeringMemberBodyOrAdmin(contacts));
            rules.requestMatchers(HttpMethod.DELETE, "/api/v1/professionals/{professionalId}/**")
                    .access(registeringMemberBodyOrAdmin(contacts));
        };
    }

    private static AuthorizationManager<RequestAuthorizationContext> registeringMemberBodyOrAdmin(
            ProfessionalContacts contacts) {
        return (authentication, context) -> {
            Authentication auth = authentication.get();
            if (auth == null || !(auth.getPrincipal() instanceof ApiCaller caller)) {
                return new AuthorizationDecision(false);
            }
            Optional<ProfessionalContact> professional = find(contacts, context.getVariables().get("professionalId"));
            return new AuthorizationDecision(professional.map(contact -> contact.changeableBy(caller))
                    .orElse(caller.role() == ApiKeyRole.MEMBER_BODY || caller.role() == ApiKeyRole.ADMIN));
        };
    }

    private static Optional<ProfessionalContact> find(ProfessionalContacts contacts, String professionalId) {
        try {
            return professionalId == null ? Optional.empty() : contacts.find(new ProfessionalId(professionalId));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
