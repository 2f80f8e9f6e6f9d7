package org.icss.ledger.audit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Member bodies' write side: organisations, audits with per-attribute scores, health checks. */
@SpringBootApplication
public class AuditServiceApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /** Reads {@code audit-service.yml}, so the four services can share one class path in the end-to-end test. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(AuditServiceApplication.class)
                .properties("spring.config.name=audit-service");
    }
}
