package org.icss.ledger.certification.command.professional;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.ProfessionalId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Another CCSM credential for a registered professional (a renewal, or an earlier one posted late): the person
 * holds it on {@code certifiedOn <= D < validUntil}, whatever other credentials say.
 */
public record RenewCredential(
        @TargetAggregateIdentifier ProfessionalId professionalId,
        String credentialId,
        LocalDate certifiedOn,
        LocalDate validUntil,
        Instant recordedAt) {
}
