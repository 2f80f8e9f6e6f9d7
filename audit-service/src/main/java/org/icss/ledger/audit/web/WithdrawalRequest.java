package org.icss.ledger.audit.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The withdrawal of a recorded audit or health check.
 *
 * @param reason why it is withdrawn
 */
public record WithdrawalRequest(@NotBlank @Size(max = 2000) String reason) {
}
