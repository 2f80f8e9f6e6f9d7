package org.icss.ledger.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's own authorization rules (which role may call which of its endpoints). The platform's fixed rules come
 * first (public GET {@code /api/v1/registry/**}, health and info; the other actuator endpoints and
 * {@code /api/v1/admin/**} for ADMIN;
 * {@code /api/v1/compliance/**} for COMPLIANCE), then these, then: any other request needs a valid key.
 */
@FunctionalInterface
public interface LedgerAccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
