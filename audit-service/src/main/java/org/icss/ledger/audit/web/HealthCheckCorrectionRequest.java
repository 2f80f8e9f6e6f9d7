package org.icss.ledger.audit.web;

import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A new result for a recorded health check.
 *
 * @param result the corrected result
 * @param reason why the check is corrected
 */
public record HealthCheckCorrectionRequest(
        @NotNull HealthCheckRequest.Result result,
        @NotBlank @Text(max = 2000) String reason) {
}
