package org.icss.ledger.certification.query.professional;

import java.time.Instant;
import java.time.LocalDate;

/** One CCSM credential as recorded: held on {@code certifiedOn <= D < validUntil}. */
public record CredentialView(String credentialId, LocalDate certifiedOn, LocalDate validUntil, Instant recordedAt) {
}
