package org.icss.ledger.deploy;

import org.icss.ledger.testsupport.LedgerInfrastructure;
import org.icss.ledger.testsupport.LedgerInfrastructureExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/examples/api-tour.sh, every endpoint of the API with its expected status, run as a reader of the docs would
 * run it, against the four services (each at its own URL here: the tour takes one base URL, or one per service where
 * no gateway routes by path). Its output is left in target/api-tour.log.
 */
@ExtendWith(LedgerInfrastructureExtension.class)
class ApiTourTest {

    @Test
    void theTourOfEveryEndpointRunsAsDocumented(LedgerInfrastructure infra) throws Exception {
        try (LedgerSystem ledger = LedgerSystem.start(infra)) {
            ProcessBuilder script = new ProcessBuilder("bash", "../docs/examples/api-tour.sh")
                    .redirectErrorStream(true);
            Map<String, String> env = script.environment();
            env.put("ICSS_URL", ledger.url("registry-query", ""));
            env.put("AUDIT_URL", ledger.url("audit-service", ""));
            env.put("CERTIFICATION_URL", ledger.url("certification-service", ""));
            env.put("AWARDS_URL", ledger.url("awards-service", ""));
            env.put("REGISTRY_URL", ledger.url("registry-query", ""));
            for (String owner : List.of("CSIAU", "HICS", "SECRETARIAT", "COMPLIANCE", "ADMIN")) {
                env.put("ICSS_KEY_" + owner, ledger.key(owner));
            }
            Path log = Path.of("target", "api-tour.log");
            Files.createDirectories(log.getParent());
            Process run = script.redirectOutput(log.toFile()).start();

            assertThat(run.waitFor()).as(Files.readString(log)).isZero();
            assertThat(Files.readString(log)).contains("each answered as expected");
        }
    }
}
