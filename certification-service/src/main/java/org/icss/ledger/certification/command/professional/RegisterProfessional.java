package org.icss.ledger.certification.command.professional;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.ProfessionalId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person registered with the first CCSM credential the ledger learns of. Carries no name or email: those never
 * reach the aggregate or its events, the web layer keeps them in the erasable contact table.
 *
 * @param credentialId the credential's number, e.g. {@code CCSM-0042}
 * @param certifiedOn  first day the credential is valid
 * @param validUntil   first day it is no longer valid
 */
public record RegisterProfessional(
        @TargetAggregateIdentifier ProfessionalId professionalId,
        String credentialId,
        LocalDate certifiedOn,
        LocalDate validUntil,
        Instant recordedAt) {
}
