package org.icss.ledger.platform.security;

import org.icss.ledger.platform.ProblemType;
import jakarta.servlet.http.HttpServletResponse;
import org.icss.ledger.platform.LedgerWebAutoConfiguration;
import org.icss.ledger.platform.web.ProblemResponses;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

import java.time.Clock;

/**
 * API keys on every service (Spring Security, stateless): {@link ApiKeyAuthenticationFilter} authenticates the key
 * of a request; the service's {@link LedgerAccessRules} and then the defaults here decide what it may call. Every
 * refusal is problem+json: 401 {@code /problems/unauthenticated} (no key, or an unknown or revoked one) and 403
 * {@code /problems/forbidden}.
 */
@AutoConfiguration(after = LedgerWebAutoConfiguration.class, beforeName = {
        "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration"})
@EnableWebSecurity
@EnableConfigurationProperties({LedgerSecurityProperties.class, ApiKeyTopicProperties.class})
public class LedgerSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public ApiKeyStore apiKeyStore(JdbcTemplate jdbc, LedgerSecurityProperties properties) {
        return new ApiKeyStore(jdbc, properties.keyCacheTtl(), System::nanoTime);
    }

    @Bean
    public ApiKeySeeder apiKeySeeder(ApiKeyStore keys, LedgerSecurityProperties properties, Environment environment) {
        return new ApiKeySeeder(keys, properties, environment);
    }

    /**
     * The key topic ({@link ApiKeyTopic}): every service reads it into its table; the administering service also
     * publishes its changes there. Off with a blank {@code icss.security.key-topic} (each service then keeps its own
     * keys, as before the topic).
     */
    @Bean
    @ConditionalOnExpression("'${icss.security.key-topic:icss.keys}'.trim() != '' "
            + "and '${axon.kafka.bootstrap-servers:}'.trim() != ''")
    public ApiKeyTopic apiKeyTopic(ApiKeyStore keys, ApiKeyTopicProperties properties,
                                   @Value("${axon.kafka.bootstrap-servers}") String bootstrapServers,
                                   @Value("${spring.application.name:ledger}") String application,
                                   ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
        return new ApiKeyTopic(keys, bootstrapServers, application, properties, registry.getIfAvailable());
    }

    /** Keys are administered in one place: {@code icss.security.administer-keys=true} (audit-service). */
    @Bean
    @ConditionalOnProperty(name = "icss.security.administer-keys", havingValue = "true")
    public ApiKeyAdminController apiKeyAdminController(ApiKeyStore keys, Clock clock,
                                                       ObjectProvider<ApiKeyTopic> topic) {
        return new ApiKeyAdminController(keys, clock, topic.getIfAvailable());
    }

    /**
     * Keys are checked by {@link ApiKeyAuthenticationFilter}, not by an authentication manager; this provider only
     * keeps Spring Boot from creating its default user with a generated password.
     */
    @Bean
    public AuthenticationProvider apiKeyAuthenticationProvider() {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                throw new BadCredentialsException("API keys only");
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return false;
            }
        };
    }

    /** problem+json for errors that reach the servlet container's error page, instead of Boot's own JSON. */
    @Bean
    public LedgerErrorController ledgerErrorController() {
        return new LedgerErrorController();
    }

    @Bean
    public AuthenticationEntryPoint ledgerAuthenticationEntryPoint() {
        return (request, response, exception) -> unauthenticated(response, exception);
    }

    @Bean
    public AccessDeniedHandler ledgerAccessDeniedHandler() {
        return (request, response, exception) -> ProblemResponses.write(response, ProblemType.FORBIDDEN,
                "This key may not do this; nothing was recorded.");
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    public SecurityFilterChain ledgerSecurityFilterChain(HttpSecurity http, ApiKeyStore keys,
                                                         AuthenticationEntryPoint entryPoint,
                                                         AccessDeniedHandler accessDenied,
                                                         ObjectProvider<LedgerAccessRules> serviceRules,
                                                         ObjectProvider<ApiKeyTopic> keyTopic)
            throws Exception {
        ApiKeyTopic topic = keyTopic.getIfAvailable();
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(accessDenied))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, entryPoint,
                        topic == null ? () -> true : topic::caughtUp), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers("/error").permitAll();
                    // health (status only, details for ADMIN: ledger-defaults.yml) and info for kubelets and load
                    // balancers; every other actuator endpoint (metrics, prometheus) shows internals: ADMIN only.
                    // What GET may read without a key, HEAD may too (the same answer without its body).
                    for (HttpMethod method : new HttpMethod[]{HttpMethod.GET, HttpMethod.HEAD}) {
                        rules.requestMatchers(method, "/actuator/health", "/actuator/health/**",
                                "/actuator/info").permitAll();
                    }
                    rules.requestMatchers("/actuator", "/actuator/**").hasRole(ApiKeyRole.ADMIN.name());
                    for (HttpMethod method : new HttpMethod[]{HttpMethod.GET, HttpMethod.HEAD}) {
                        rules.requestMatchers(method, "/api/v1/registry/**").permitAll();
                        // registry-query's public web page and its assets; every service's OpenAPI description
                        rules.requestMatchers(method, "/", "/index.html", "/reports.html", "/favicon.ico", "/*.js", "/*.css",
                                "/assets/**", "/css/**", "/js/**", "/static/**").permitAll();
                        rules.requestMatchers(method, "/api-docs/**", "/api.html", "/swagger-ui.html",
                                "/swagger-ui/**").permitAll();
                    }
                    rules.requestMatchers("/api/v1/admin/**").hasRole(ApiKeyRole.ADMIN.name());
                    // the dead letters of every service: compliance staff, and operators
                    rules.requestMatchers("/api/v1/compliance/dead-letters", "/api/v1/compliance/dead-letters/**")
                            .hasAnyRole(ApiKeyRole.COMPLIANCE.name(), ApiKeyRole.ADMIN.name());
                    rules.requestMatchers("/api/v1/compliance/**").hasRole(ApiKeyRole.COMPLIANCE.name());
                    serviceRules.orderedStream().forEach(service -> service.configure(rules));
                    rules.anyRequest().authenticated();
                });
        return http.build();
    }

    private static void unauthenticated(HttpServletResponse response, AuthenticationException exception)
            throws java.io.IOException {
        response.setHeader("WWW-Authenticate", "ApiKey");
        ProblemResponses.write(response, ProblemType.UNAUTHENTICATED,
                exception instanceof BadCredentialsException
                        ? "The API key is unknown or revoked."
                        : "This request needs an API key (X-API-Key header).");
    }
}
