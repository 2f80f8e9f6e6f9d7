package org.icss.ledger.certification.web;

import org.icss.ledger.platform.input.BusinessDate;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/**
 * Another CCSM credential of a registered professional, such as a renewal.
 *
 * @param credentialId {@code CCSM-} and 4 to 10 digits; a number not yet recorded for this professional
 * @param certifiedOn  first day the credential is valid; not in the future
 * @param validUntil   first day it is no longer valid; after {@code certifiedOn}
 */
public record RenewCredentialRequest(
        @NotNull @Pattern(regexp = RegisterProfessionalRequest.CREDENTIAL_ID,
                message = RegisterProfessionalRequest.CREDENTIAL_ID_MESSAGE) String credentialId,
        @NotNull @BusinessDate LocalDate certifiedOn,
        @NotNull @BusinessDate(future = true) LocalDate validUntil) {
}
