package org.icss.ledger.certification.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.icss.ledger.certification.query.professional.CredentialView;
import org.icss.ledger.certification.query.professional.EmploymentView;

import java.time.Instant;
import java.util.List;

/**
 * A professional as the ledger holds them: personal data from the erasable contact table, credentials and
 * employments from the event stream. After erasure {@code name} and {@code email} are null (written as null, not
 * left out, so a reader sees they were erased) and {@code erasedAt} says when; the rest is unchanged. A key that may
 * not read the personal data (another member body's, the secretariat's) gets the same answer with {@code name},
 * {@code email} and {@code erasedAt} null and {@code personalData} {@code WITHHELD}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProfessionalView(
        String professionalId,
        String name,
        String email,
        Instant erasedAt,
        PersonalData personalData,
        List<CredentialView> credentials,
        List<EmploymentView> employments) {

    /** Whether this answer shows the name and email. */
    public enum PersonalData {
        /** shown */
        HELD,
        /** erased: {@code erasedAt} says when */
        ERASED,
        /** held, but not for this key to read */
        WITHHELD
    }
}
