package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.icss.ledger.registry.query.registry.StandingPolicy.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Standing and timeline on the history of {@link PlatinumPolicyTest}. */
class StandingPolicyTest {

    private static final StandingPolicy POLICY = new StandingPolicy(new PlatinumPolicy(LocalDate.of(2013, 1, 1)));

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
            "2018-02-28, NONE, ",
            "2018-03-01, GOLD, ACTIVE",
            "2019-06-15, GOLD, SUSPENDED",
            "2020-07-01, PLATINUM, ACTIVE",
            "2022-06-01, GOLD, ACTIVE",
            "2024-03-01, NONE, EXPIRED",
            "2025-05-01, PLATINUM, ACTIVE",
    })
    void standingOnADate(LocalDate date, Tier tier, CertificateStatus status) {
        Standing standing = POLICY.standingOn(date, PlatinumPolicyTest.HISTORY);

        assertThat(standing.tier()).isEqualTo(tier);
        assertThat(standing.status()).isEqualTo(status);
    }

    @Test
    void theTimelineListsEveryChangeOfTierOrStatusWithItsEvents() {
        List<TimelineEntry> timeline = POLICY.timeline(PlatinumPolicyTest.HISTORY, LocalDate.of(2026, 6, 1));

        assertThat(timeline).extracting(e -> e.on() + " " + e.tier() + " " + e.status()).containsExactly(
                "2018-03-01 GOLD ACTIVE",
                "2019-06-01 GOLD SUSPENDED",
                "2019-07-01 GOLD ACTIVE",
                "2020-07-01 PLATINUM ACTIVE",
                "2021-03-01 PLATINUM ACTIVE",
                "2022-06-01 GOLD ACTIVE",
                "2023-06-01 PLATINUM ACTIVE",
                "2023-11-08 GOLD ACTIVE",
                "2024-03-01 NONE EXPIRED",
                "2024-05-01 GOLD ACTIVE",
                "2025-05-01 PLATINUM ACTIVE",
                "2026-01-01 GOLD ACTIVE");
        assertThat(timeline.get(0).eventIds()).containsExactly(PlatinumPolicyTest.id("g1"));
        assertThat(timeline.get(3).reason()).startsWith("Platinum: ");
        assertThat(timeline.get(5).reason()).startsWith("No longer Platinum: ")
                .contains("no one it employs holds a CCSM credential");
    }
}
