package org.icss.ledger.platform.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.platform.LedgerWebAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.apache.catalina.core.StandardHost;
import jakarta.servlet.RequestDispatcher;
import org.icss.ledger.platform.web.ProblemErrorReportValve;
import org.icss.ledger.platform.web.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/**
 * The one input policy of every service's HTTP edge (docs/ROBUSTNESS.md):
 * <ul>
 *     <li>request bodies are read by {@link StrictJson}'s strict copy of the application's ObjectMapper, in Spring
 *     MVC's JSON converter only (Axon and Kafka keep the lenient original);</li>
 *     <li>{@link BusinessDate} and {@link Text} constraints on the request records, checked with {@link InputPolicy}
 *     ({@code icss.input.*});</li>
 *     <li>query parameters: {@link QueryTextFilter}, and dates and instants within the read window.</li>
 * </ul>
 */
@AutoConfiguration(after = LedgerWebAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(InputProperties.class)
public class LedgerInputAutoConfiguration {

    /** Spring Boot's order of Spring Security's filter chain ({@code spring.security.filter.order}). */
    private static final int SECURITY_FILTER_ORDER = -100;

    @Bean
    @ConditionalOnMissingBean
    public InputPolicy inputPolicy(InputProperties properties, Clock clock) {
        return new InputPolicy(properties, clock);
    }

    /** Before authentication, like the rate limit: a NUL in a parameter is refused the same for every caller. */
    @Bean
    public FilterRegistrationBean<QueryTextFilter> queryTextFilter() {
        FilterRegistrationBean<QueryTextFilter> registration = new FilterRegistrationBean<>(new QueryTextFilter());
        registration.setOrder(SECURITY_FILTER_ORDER - 5);
        return registration;
    }

    /**
     * What Tomcat refuses itself (an oversized header, a bad escape, TRACE before the servlet) answered as
     * problem+json too: {@link ProblemErrorReportValve} replaces the Host's HTML error report.
     */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * Spring Security's firewall refusals (a method it does not know, such as TRACE reaching the error page, an
     * encoded slash, a {@code ;} in the path) as problem+json: 405 for the method, 400 otherwise, or the status of
     * the error being reported.
     */
    @Bean
    @ConditionalOnClass(name = "org.springframework.security.web.firewall.RequestRejectedHandler")
    public RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> {
            Object error = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = error instanceof Integer code && HttpStatus.resolve(code) != null
                    ? HttpStatus.valueOf(code)
                    : STANDARD_METHODS.contains(request.getMethod()) ? HttpStatus.BAD_REQUEST
                    : HttpStatus.METHOD_NOT_ALLOWED;
            ProblemResponses.write(response, status, status.is5xxServerError() ? "internal"
                            : status.name().toLowerCase().replace('_', '-'), status.getReasonPhrase(),
                    "The request was refused before it was read: " + status.getReasonPhrase() + ".");
        };
    }

    private static final java.util.Set<String> STANDARD_METHODS = java.util.Set.of("GET", "HEAD", "POST", "PUT",
            "PATCH", "DELETE", "OPTIONS");

    @Bean
    public WebMvcConfigurer strictInputMvc() {
        return new WebMvcConfigurer() {
            @Override
            public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
                for (HttpMessageConverter<?> converter : converters) {
                    if (converter instanceof MappingJackson2HttpMessageConverter json) {
                        ObjectMapper lenient = json.getObjectMapper();
                        json.setObjectMapper(StrictJson.strict(lenient));
                    }
                }
            }

            @Override
            public void addFormatters(FormatterRegistry registry) {
                registry.addFormatter(new ReadParameterFormatters.Dates());
                registry.addFormatter(new ReadParameterFormatters.Instants());
            }
        };
    }
}
