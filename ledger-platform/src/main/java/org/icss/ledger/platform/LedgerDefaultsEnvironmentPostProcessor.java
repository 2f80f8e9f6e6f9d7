package org.icss.ledger.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Adds {@code ledger-defaults.yml} as the lowest-precedence property source of every service: the settings all
 * services share (Axon without Axon Server, Jackson serialization, the Kafka bridge, database coordinates from
 * {@code ICSS_PG_*}, actuator exposure). A service's own file or the environment overrides any of them.
 */
public class LedgerDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String DEFAULTS = "ledger-defaults.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                    .load("ledger-defaults", new ClassPathResource(DEFAULTS));
            sources.forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + DEFAULTS, e);
        }
    }
}
