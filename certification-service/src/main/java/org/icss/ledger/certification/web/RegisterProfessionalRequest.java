package org.icss.ledger.certification.web;

import org.icss.ledger.platform.input.BusinessDate;
import org.icss.ledger.platform.input.Text;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalDate;

/**
 * A CCSM holder as a member body registers them: the credential (recorded as an event) and the person's name and
 * email (kept only in the erasable contact table, never in an event).
 *
 * @param credentialId the credential's number, {@code CCSM-} and 4 to 10 digits, e.g. {@code CCSM-0042}
 * @param certifiedOn  first day the credential is valid; not in the future
 * @param validUntil   first day it is no longer valid; after {@code certifiedOn}
 */
public record RegisterProfessionalRequest(
        @NotNull @Pattern(regexp = CREDENTIAL_ID, message = CREDENTIAL_ID_MESSAGE) String credentialId,
        @NotNull @BusinessDate LocalDate certifiedOn,
        @NotNull @BusinessDate(future = true) LocalDate validUntil,
        @NotBlank @Text(max = 200) String name,
        @NotBlank @Text(max = 320) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s.]+",
                message = "must be an email address such as name@example.org") String email) {

    /** The form of a CCSM credential number (shared with {@link RenewCredentialRequest}). */
    static final String CREDENTIAL_ID = "CCSM-[0-9]{4,10}";
    static final String CREDENTIAL_ID_MESSAGE = "must be CCSM- and 4 to 10 digits, e.g. CCSM-0042";
}
