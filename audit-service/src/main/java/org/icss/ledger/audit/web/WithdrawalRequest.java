package org.icss.ledger.audit.web;

import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.NotBlank;

/**
 * The withdrawal of a recorded audit or health check.
 *
 * @param reason why it is withdrawn
 */
public record WithdrawalRequest(@NotBlank @Text(max = 2000) String reason) {
}
