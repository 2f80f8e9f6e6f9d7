package org.icss.ledger.registry;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The read side: projections of every service's events for the public registry and compliance staff. */
@SpringBootApplication
public class RegistryQueryApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code registry-query.yml}, so the four services can share one class path in tests. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(RegistryQueryApplication.class)
                .properties("spring.config.name=registry-query");
    }
}
