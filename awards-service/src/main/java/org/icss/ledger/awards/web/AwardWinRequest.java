package org.icss.ledger.awards.web;

import org.icss.ledger.platform.input.BusinessDate;
import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;

/**
 * @param seasonYear the ISEA season, e.g. 2024
 * @param wonOn      the date the award was won (announced)
 */
public record AwardWinRequest(
        @NotBlank @Size(max = 100) String organisationId,
        @NotNull @Min(1990) @Max(2100) Integer seasonYear,
        @NotBlank @Text(max = 200) String category,
        @NotNull @BusinessDate LocalDate wonOn) {
}
