package org.icss.ledger.audit.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.OrganisationId;

import java.time.Instant;
import java.time.LocalDate;

public record RegisterOrganisation(
        @TargetAggregateIdentifier OrganisationId organisationId,
        MemberBody memberBody,
        String name,
        String country,
        LocalDate registeredOn,
        Instant recordedAt) {
}
