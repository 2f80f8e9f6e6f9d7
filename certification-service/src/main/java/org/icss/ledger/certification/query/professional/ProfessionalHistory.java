package org.icss.ledger.certification.query.professional;

import java.util.List;

/**
 * What the ledger recorded about a professional's CCSM credentials (by {@code certifiedOn}) and employments (by
 * {@code startedOn}). No personal data: that is in the contact table.
 */
public record ProfessionalHistory(List<CredentialView> credentials, List<EmploymentView> employments) {
}
