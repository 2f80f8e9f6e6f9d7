package org.icss.ledger.awards;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** International Service Excellence Award results, posted by the Council's secretariat. */
@SpringBootApplication
public class AwardsServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code awards-service.yml}, so the four services can share one class path in tests. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AwardsServiceApplication.class)
                .properties("spring.config.name=awards-service");
    }
}
