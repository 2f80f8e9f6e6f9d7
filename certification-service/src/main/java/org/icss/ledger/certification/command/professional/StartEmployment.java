package org.icss.ledger.certification.command.professional;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.ProfessionalId;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The professional is employed by an organisation from {@code startedOn} (DOMAIN.md rule 7: employed on D when
 * start <= D and the end is absent or after D).
 *
 * @param employmentId chosen by the web layer; names this employment when it ends
 */
public record StartEmployment(
        @TargetAggregateIdentifier ProfessionalId professionalId,
        String employmentId,
        OrganisationId organisationId,
        LocalDate startedOn,
        Instant recordedAt) {
}
