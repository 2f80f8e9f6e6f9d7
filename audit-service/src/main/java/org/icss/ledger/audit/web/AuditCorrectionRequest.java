package org.icss.ledger.audit.web;

import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import java.util.Map;

/**
 * New scores for a recorded audit.
 *
 * @param scores one integer 0..10 for every attribute code of the audit's standard version (all of them, not only
 *               the ones that change)
 * @param reason why the audit is corrected
 */
public record AuditCorrectionRequest(
        @NotEmpty Map<String, Integer> scores,
        @NotBlank @Text(max = 2000) String reason) {
}
