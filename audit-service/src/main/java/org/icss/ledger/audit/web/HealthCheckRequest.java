package org.icss.ledger.audit.web;

import org.icss.ledger.platform.input.BusinessDate;
import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * @param healthCheckId the member body's own id for the check; generated when absent
 * @param reason        why a check failed; required when {@code result} is FAILED
 */
public record HealthCheckRequest(
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String healthCheckId,
        @NotNull @BusinessDate LocalDate checkedOn,
        @NotNull Result result,
        @Text(max = 2000) String reason) {

    public enum Result { PASSED, FAILED }
}
