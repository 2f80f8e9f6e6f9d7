package org.icss.ledger.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Until a service has read the key topic to its end after start-up, no key is trusted: a key revoked meanwhile. */
class ApiKeyAuthenticationFilterTest {

    /** Never asked: neither answer below needs a lookup. */
    private static final ApiKeyStore NO_LOOKUP = new ApiKeyStore(new JdbcTemplate());

    @Test
    void aRequestWithAKeyIsAnswered503UntilTheKeysAreCurrent() throws Exception {
        ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(NO_LOOKUP,
                (request, response, exception) -> response.sendError(401), () -> false);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/organisations");
        request.addHeader(ApiKeyAuthenticationFilter.HEADER, "icss_0123456789ab_secret");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("/problems/keys-not-current");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void aRequestWithoutAKeyGoesOnMeanwhile() throws Exception {
        ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(NO_LOOKUP,
                (request, response, exception) -> response.sendError(401), () -> false);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(new MockHttpServletRequest("GET", "/api/v1/registry/organisations"), response, chain);

        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
