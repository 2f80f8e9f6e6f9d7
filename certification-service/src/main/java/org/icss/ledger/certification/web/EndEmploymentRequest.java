package org.icss.ledger.certification.web;

import org.icss.ledger.platform.input.BusinessDate;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/**
 * The end of an employment.
 *
 * @param endedOn first day the professional no longer works there; after the start, not in the future
 */
public record EndEmploymentRequest(@NotNull @BusinessDate LocalDate endedOn) {
}
