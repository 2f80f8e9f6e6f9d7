package org.icss.ledger.certification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The certificate lifecycle of each organisation, decided from audit-service's reports. */
@SpringBootApplication
public class CertificationServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code certification-service.yml}, so the four services can share one class path in tests. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(CertificationServiceApplication.class)
                .properties("spring.config.name=certification-service");
    }
}
