package org.icss.ledger.platform.input;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.icss.ledger.platform.LedgerPlatformAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
@AutoConfiguration(after = LedgerPlatformAutoConfiguration.class)
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
