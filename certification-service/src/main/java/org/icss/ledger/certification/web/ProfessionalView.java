package org.icss.ledger.certification.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.icss.ledger.certification.query.professional.CredentialView;
import org.icss.ledger.certification.query.professional.EmploymentView;

import java.time.Instant;
import java.util.List;

/**
 * A professional as the ledger holds them: personal data from the erasable contact table, credentials and
 * employments from the event stream. After erasure {@code name} and {@code email} are null (written as null, not
 * left out, so a reader sees they were erased) and {@code erasedAt} says when; the rest is unchanged.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProfessionalView(
        String professionalId,
        String name,
        String email,
        Instant erasedAt,
        List<CredentialView> credentials,
        List<EmploymentView> employments) {
}
