package org.icss.ledger.audit.web;

import org.icss.ledger.platform.input.BusinessDate;
import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.icss.ledger.events.AuditType;

import java.time.LocalDate;
import java.util.Map;

/**
 * @param auditId the member body's own id for the audit; generated when absent
 * @param scores  one integer 0..10 per attribute code of {@code standardVersion}
 * @param expectedScores optional: management's expected score (0..10) for some or all attribute codes, a
 *                       self-assessment made before the audit; the performance report shows the gap to delivery
 */
public record ScoreAuditRequest(
        @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String auditId,
        @NotBlank @Text(max = 50) String standardVersion,
        @NotNull AuditType auditType,
        @NotNull @BusinessDate LocalDate auditedOn,
        @NotBlank @Text(max = 200) String auditor,
        @NotEmpty Map<String, Integer> scores,
        Map<String, Integer> expectedScores) {
}
