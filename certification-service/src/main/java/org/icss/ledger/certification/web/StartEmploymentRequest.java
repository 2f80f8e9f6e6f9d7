package org.icss.ledger.certification.web;

import org.icss.ledger.platform.input.BusinessDate;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * The professional is employed by an organisation (its id in audit-service) from {@code startedOn}.
 *
 * @param startedOn first day of the employment; not in the future
 */
public record StartEmploymentRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+") String organisationId,
        @NotNull @BusinessDate LocalDate startedOn) {
}
