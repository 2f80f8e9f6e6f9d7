package org.icss.ledger.audit.web;

import org.icss.ledger.platform.input.BusinessDate;
import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.icss.ledger.events.MemberBody;

import java.time.LocalDate;

/**
 * @param memberBody   the member body registering it: the key's own (left out, it is the key's)
 * @param registeredOn business date of the registration; today when absent
 */
public record RegisterOrganisationRequest(
        @NotBlank @Text(max = 200) String name,
        @NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code such as AU") String country,
        MemberBody memberBody,
        @BusinessDate LocalDate registeredOn) {
}
