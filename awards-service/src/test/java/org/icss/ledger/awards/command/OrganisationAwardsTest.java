package org.icss.ledger.awards.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.platform.Rejected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

class OrganisationAwardsTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final Instant RECORDED = Instant.parse("2024-11-09T10:00:00Z");
    private static final LocalDate WON = LocalDate.of(2024, 11, 8);

    private AggregateTestFixture<OrganisationAwards> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrganisationAwards.class);
    }

    @Test
    void aWinIsRecordedForTheOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new RecordAwardWin(ORG, "aw-1", 2024, "Contact Centre", WON, RECORDED))
                .expectEvents(new AwardWon(ORG, EventIds.of(AwardWon.class, "org-1", "aw-1"), WON, RECORDED, "aw-1",
                        2024, "Contact Centre"));
    }

    @Test
    void oneWinPerSeasonAndCategory() {
        fixture.given(new AwardWon(ORG, EventIds.of(AwardWon.class, "org-1", "aw-1"), WON, RECORDED, "aw-1", 2024,
                        "Contact Centre"))
                .when(new RecordAwardWin(ORG, "aw-2", 2024, "contact centre ", WON, RECORDED))
                .expectException(Rejected.class)
                .expectNoEvents();
    }

    @Test
    void winsInOtherSeasonsOrCategoriesAreRecorded() {
        fixture.given(new AwardWon(ORG, EventIds.of(AwardWon.class, "org-1", "aw-1"), WON, RECORDED, "aw-1", 2024,
                        "Contact Centre"))
                .when(new RecordAwardWin(ORG, "aw-2", 2025, "Contact Centre", WON.plusYears(1), RECORDED))
                .expectEvents(new AwardWon(ORG, EventIds.of(AwardWon.class, "org-1", "aw-2"), WON.plusYears(1),
                        RECORDED, "aw-2", 2025, "Contact Centre"));
    }
}
