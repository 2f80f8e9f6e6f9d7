package org.icss.ledger.certification.command.professional;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.ProfessionalId;

import java.time.Instant;
import java.time.LocalDate;

/** The employment ends: from {@code endedOn} the professional no longer works for that organisation. */
public record EndEmployment(
        @TargetAggregateIdentifier ProfessionalId professionalId,
        String employmentId,
        LocalDate endedOn,
        Instant recordedAt) {
}
