package org.icss.ledger.awards.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;
import java.time.LocalDate;

public record RecordAwardWin(
        @TargetAggregateIdentifier OrganisationId organisationId,
        String awardId,
        int seasonYear,
        String category,
        LocalDate wonOn,
        Instant recordedAt) {
}
