package org.icss.ledger.awards.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.platform.ProblemType;
import org.icss.ledger.platform.Rejected;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** The ISEA wins of one organisation. One win per season and category. */
@Aggregate
public class OrganisationAwards {

    @AggregateIdentifier
    private OrganisationId organisationId;
    private final Set<String> seasonCategories = new HashSet<>();

    protected OrganisationAwards() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordAwardWin command) {
        String key = seasonCategory(command.seasonYear(), command.category());
        if (seasonCategories.contains(key)) {
            throw Rejected.conflict(ProblemType.DUPLICATE_AWARD, "The organisation's win in "
                    + command.category() + " of season " + command.seasonYear() + " is already recorded");
        }
        apply(new AwardWon(command.organisationId(), EventIds.of(AwardWon.class, command.organisationId().value(),
                command.awardId()), command.wonOn(), command.recordedAt(), command.awardId(), command.seasonYear(),
                command.category()));
    }

    @EventSourcingHandler
    void on(AwardWon event) {
        organisationId = event.organisationId();
        seasonCategories.add(seasonCategory(event.seasonYear(), event.category()));
    }

    private static String seasonCategory(int season, String category) {
        return season + "|" + category.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
