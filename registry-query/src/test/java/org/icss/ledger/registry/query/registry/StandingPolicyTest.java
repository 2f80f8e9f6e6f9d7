package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.icss.ledger.registry.query.registry.StandingPolicy.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;
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

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2018-02-28, ",
            "2019-06-15, g1 s1",
            "2019-07-01, g1 s1 r1",
            "2021-03-01, g2",
    })
    void theTierEventsAreTheAwardAndTheStatusChangesUpToTheDate(LocalDate date, String events) {
        Standing standing = POLICY.standingOn(date, PlatinumPolicyTest.HISTORY);

        assertThat(standing.tierEventIds()).containsExactlyElementsOf(events == null ? List.of()
                : Arrays.stream(events.split(" ")).map(PlatinumPolicyTest::id).toList());
    }

    /** Each entry of the timeline of {@link PlatinumPolicyTest#HISTORY} says why it changed. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # rule and the boundary it pins                                                    | date       | reason
            An award names the certificate and its term                                        | 2018-03-01 | GOLD certificate G1 awarded, valid until 2021-03-01
            A suspension names the certificate, capitalised                                    | 2019-06-01 | Certificate G1 SUSPENDED
            A re-award while Platinum names the new certificate, not the superseded one        | 2021-03-01 | GOLD certificate G2 awarded, valid until 2024-03-01
            An announced expiry on validUntil is named once, not also as reaching validUntil   | 2024-03-01 | Certificate G2 EXPIRED
            Losing Platinum with no change of certificate names the missing condition          | 2026-01-01 | No longer Platinum: no one it employs holds a CCSM credential valid on this date
            """)
    void eachTimelineEntrySaysWhy(String rule, LocalDate date, String reason) {
        List<TimelineEntry> timeline = POLICY.timeline(PlatinumPolicyTest.HISTORY, LocalDate.of(2026, 6, 1));

        assertThat(timeline).filteredOn(e -> e.on().equals(date)).singleElement()
                .extracting(TimelineEntry::reason).isEqualTo(reason);
    }

    @Test
    void becomingPlatinumGivesEveryConditionAndItsEvents() {
        TimelineEntry platinum = POLICY.timeline(PlatinumPolicyTest.HISTORY, LocalDate.of(2026, 6, 1)).get(3);

        assertThat(platinum.reason()).isEqualTo("Platinum: Gold certificate G1 (awarded 2018-03-01, valid until "
                + "2021-03-01) is ACTIVE; Active Gold without a break since 2019-07-01 (at least 1 year); employs a "
                + "Certified Customer Service Manager: CCSM-0001; won the ISEA 2019 (Contact Centre) "
                + "on 2019-11-08; Platinum exists since 2013-01-01");
        assertThat(platinum.eventIds()).contains(PlatinumPolicyTest.id("isea-2019"), PlatinumPolicyTest.id("e1"));
    }

    /** Changes on other days (a suspension and a reinstatement) do not hide that validUntil was reached. */
    @Test
    void aCertificateReachingItsValidUntilBeforeTheExpiryIsAnnouncedSaysSo() {
        OrganisationHistory history = new OrganisationHistory(List.of(gold("G", "2018-01-01",
                new OrganisationHistory.Change(PlatinumPolicyTest.id("s"), LocalDate.of(2019, 1, 10),
                        CertificateStatus.SUSPENDED),
                new OrganisationHistory.Change(PlatinumPolicyTest.id("r"), LocalDate.of(2019, 2, 1),
                        CertificateStatus.ACTIVE))), List.of(), List.of(), List.of());

        assertThat(POLICY.timeline(history, LocalDate.of(2022, 1, 1))).last()
                .satisfies(e -> assertThat(e.on()).isEqualTo(LocalDate.of(2021, 1, 1)))
                .satisfies(e -> assertThat(e.status()).isEqualTo(CertificateStatus.EXPIRED))
                .extracting(TimelineEntry::reason).isEqualTo("Certificate G reached its validUntil");
    }

    /** Re-certified early, then the new certificate suspended on the old one's validUntil: only the suspension. */
    @Test
    void aReplacedCertificateReachingItsOldValidUntilIsNoReason() {
        OrganisationHistory history = new OrganisationHistory(List.of(
                gold("OLD", "2018-01-01", new OrganisationHistory.Change(PlatinumPolicyTest.id("sup"),
                        LocalDate.of(2020, 6, 1), CertificateStatus.SUPERSEDED)),
                gold("NEW", "2020-06-01", new OrganisationHistory.Change(PlatinumPolicyTest.id("s"),
                        LocalDate.of(2021, 1, 1), CertificateStatus.SUSPENDED))), List.of(), List.of(), List.of());

        assertThat(POLICY.timeline(history, LocalDate.of(2022, 1, 1))).last()
                .extracting(TimelineEntry::reason).isEqualTo("Certificate NEW SUSPENDED");
    }

    private static OrganisationHistory.Certificate gold(String number, String awardedOn,
                                                        OrganisationHistory.Change... changes) {
        LocalDate awarded = LocalDate.parse(awardedOn);
        return new OrganisationHistory.Certificate(number, Tier.GOLD, "ICSS:2015-2020", awarded,
                awarded.plusYears(3), "audit-" + number, PlatinumPolicyTest.id(number), List.of(changes));
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
