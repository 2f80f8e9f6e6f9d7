package org.icss.ledger.platform;

import org.icss.ledger.platform.web.BodyLimitFilter;
import org.icss.ledger.platform.web.IdempotencyFilter;
import org.icss.ledger.platform.web.LedgerProblemHandler;
import org.icss.ledger.platform.web.LedgerWebProperties;
import org.icss.ledger.platform.web.PathIndexedHandlerMapping;
import org.icss.ledger.platform.web.RateLimitFilter;
import org.icss.ledger.platform.web.StreamingPaths;
import org.icss.ledger.platform.web.TokenBucketLimiter;
import org.icss.ledger.platform.web.WriteAdmissionFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The HTTP edge ({@link LedgerWebProperties}, {@code icss.web.*}): problem+json for every refusal
 * ({@link LedgerProblemHandler}), the per-IP rate limit of public lookups, back-pressure on writes, the body size
 * limit and Idempotency-Key on every POST. API keys are {@link org.icss.ledger.platform.security
 * .LedgerSecurityAutoConfiguration}'s, the input policy {@link org.icss.ledger.platform.input
 * .LedgerInputAutoConfiguration}'s; their filters come after these in the same order.
 */
@AutoConfiguration(after = LedgerProcessingAutoConfiguration.class)
@EnableConfigurationProperties(LedgerWebProperties.class)
public class LedgerWebAutoConfiguration {

    /** Spring Boot's order of Spring Security's filter chain ({@code spring.security.filter.order}). */
    private static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    public LedgerProblemHandler ledgerProblemHandler() {
        return new LedgerProblemHandler();
    }

    /**
     * Spring MVC's handler lookup with the mappings indexed by their paths' literal beginnings
     * ({@link PathIndexedHandlerMapping}): a path with a variable is matched against the few mappings it can match,
     * not against every mapping of the service.
     */
    @Bean
    @ConditionalOnMissingBean(WebMvcRegistrations.class)
    public WebMvcRegistrations pathIndexedHandlerMappingRegistrations() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathIndexedHandlerMapping();
            }
        };
    }

    /** Public lookups per client IP, before anything else (and before authentication). */
    @Bean
    @ConditionalOnProperty(prefix = "icss.web.rate-limit", name = "enabled", matchIfMissing = true)
    public FilterRegistrationBean<RateLimitFilter> rateLimitFilter(LedgerWebProperties properties) {
        LedgerWebProperties.RateLimit limit = properties.rateLimit();
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(new RateLimitFilter(
                new TokenBucketLimiter(limit.capacity(), limit.refillPeriod(), limit.maxClients(), System::nanoTime),
                limit.paths()));
        registration.setOrder(SECURITY_FILTER_ORDER - 10);
        return registration;
    }

    /**
     * Back-pressure on writes, before authentication (whose key lookup needs the database): past
     * {@code icss.web.writes.max-concurrent} writes at once, 503 with Retry-After within
     * {@code icss.web.writes.admission-wait}.
     */
    @Bean
    public FilterRegistrationBean<WriteAdmissionFilter> writeAdmissionFilter(LedgerWebProperties properties) {
        LedgerWebProperties.Writes writes = properties.writes();
        FilterRegistrationBean<WriteAdmissionFilter> registration = new FilterRegistrationBean<>(
                new WriteAdmissionFilter(writes.maxConcurrent(), writes.admissionWait(), writes.retryAfter()));
        registration.setOrder(SECURITY_FILTER_ORDER - 5);
        return registration;
    }

    /** Body size limit, after authentication (Spring Security's filter chain is at order -100). */
    @Bean
    public FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(LedgerWebProperties properties) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxBodySize().toBytes(),
                        new StreamingPaths(properties.streamingPaths())));
        registration.setOrder(SECURITY_FILTER_ORDER + 10);
        return registration;
    }

    /** Idempotency-Key, after authentication (the client is the caller) and the body limit. */
    @Bean
    public FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcTemplate jdbcTemplate,
                                                                       LedgerWebProperties properties) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(
                jdbcTemplate, properties.idempotency().retention(), properties.idempotency().inProgressTimeout(),
                new StreamingPaths(properties.streamingPaths())));
        registration.setOrder(SECURITY_FILTER_ORDER + 20);
        return registration;
    }
}
