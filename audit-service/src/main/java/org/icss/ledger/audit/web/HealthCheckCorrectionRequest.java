package org.icss.ledger.audit.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new result for a recorded health check.
 *
 * @param result the corrected result
 * @param reason why the check is corrected
 */
public record HealthCheckCorrectionRequest(
        @NotNull HealthCheckRequest.Result result,
        @NotBlank @Size(max = 2000) String reason) {
}
