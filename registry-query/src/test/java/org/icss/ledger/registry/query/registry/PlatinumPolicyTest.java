package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Award;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Credential;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Employment;
import org.icss.ledger.registry.query.registry.PlatinumPolicy.ConditionCode;
import org.icss.ledger.registry.query.registry.PlatinumPolicy.PlatinumStanding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * DOMAIN.md rule 7 on one organisation's history, a date at a time:
 * <pre>
 * Gold G1 2018-03-01 (valid until 2021-03-01), suspended 2019-06-01, reinstated 2019-07-01
 * Gold G2 2021-03-01 (re-award on the day G1 ends: the run goes on), expired 2024-03-01
 * Gold G3 2024-05-01 (a new run)
 * CCSM P1 credential 2016-01-01..2022-06-01, employed 2017-01-01..2023-01-01
 * CCSM P2 credential 2023-01-01..2026-01-01, employed from 2023-06-01
 * ISEA won 2019-11-08 and 2024-11-08
 * </pre>
 */
class PlatinumPolicyTest {

    private static final UUID G1 = id("g1");
    private static final UUID G2 = id("g2");
    private static final UUID G3 = id("g3");
    private static final UUID REINSTATED = id("r1");
    private static final UUID ISEA_2019 = id("isea-2019");

    static final OrganisationHistory HISTORY = new OrganisationHistory(
            List.of(
                    gold("G1", "2018-03-01", G1, change("s1", "2019-06-01", CertificateStatus.SUSPENDED),
                            new Change(REINSTATED, date("2019-07-01"), CertificateStatus.ACTIVE),
                            change("sup1", "2021-03-01", CertificateStatus.SUPERSEDED)),
                    gold("G2", "2021-03-01", G2, change("x2", "2024-03-01", CertificateStatus.EXPIRED)),
                    gold("G3", "2024-05-01", G3)),
            List.of(new Employment("e1", "P1", date("2017-01-01"), date("2023-01-01"), id("e1"), id("e1-end")),
                    new Employment("e2", "P2", date("2023-06-01"), null, id("e2"), null)),
            List.of(new Credential("P1", "CCSM-0001", date("2016-01-01"), date("2022-06-01"), id("c1")),
                    new Credential("P2", "CCSM-0002", date("2023-01-01"), date("2026-01-01"), id("c2"))),
            List.of(new Award("a1", 2019, "Contact Centre", date("2019-11-08"), ISEA_2019),
                    new Award("a2", 2024, "Contact Centre", date("2024-11-08"), id("isea-2024"))));

    @ParameterizedTest(name = "{0} (launch {1}): platinum {2}, missing [{3}]")
    @CsvSource({
            "2017-06-01, 2013-01-01, false, GOLD_ACTIVE ONE_YEAR_ACTIVE_GOLD ISEA_WITHIN_FOUR_YEARS",
            "2019-03-01, 2013-01-01, false, ISEA_WITHIN_FOUR_YEARS",
            "2019-06-15, 2013-01-01, false, GOLD_ACTIVE ONE_YEAR_ACTIVE_GOLD ISEA_WITHIN_FOUR_YEARS",
            "2019-12-01, 2013-01-01, false, ONE_YEAR_ACTIVE_GOLD",
            "2020-06-30, 2013-01-01, false, ONE_YEAR_ACTIVE_GOLD",
            "2020-07-01, 2013-01-01, true, ''",
            "2020-07-01, 2021-01-01, false, AFTER_PLATINUM_LAUNCH",
            "2021-03-01, 2013-01-01, true, ''",
            "2022-05-31, 2013-01-01, true, ''",
            "2022-06-01, 2013-01-01, false, CCSM_EMPLOYED",
            "2023-06-01, 2013-01-01, true, ''",
            "2023-11-07, 2013-01-01, true, ''",
            "2023-11-08, 2013-01-01, false, ISEA_WITHIN_FOUR_YEARS",
            "2024-03-01, 2013-01-01, false, GOLD_ACTIVE ONE_YEAR_ACTIVE_GOLD ISEA_WITHIN_FOUR_YEARS",
            "2025-04-30, 2013-01-01, false, ONE_YEAR_ACTIVE_GOLD",
            "2025-05-01, 2013-01-01, true, ''",
            "2025-12-31, 2013-01-01, true, ''",
            "2026-01-01, 2013-01-01, false, CCSM_EMPLOYED",
    })
    void platinumOnADate(LocalDate date, LocalDate launch, boolean platinum, String missing) {
        PlatinumStanding standing = new PlatinumPolicy(launch).standingOn(date, HISTORY);

        assertThat(standing.platinum()).isEqualTo(platinum);
        assertThat(standing.missing()).extracting(PlatinumPolicy.Condition::code)
                .containsExactlyElementsOf(codes(missing));
    }

    /**
     * Each condition of rule 7 at its boundaries on {@link #HISTORY}: met or not, the first later day it is met, the
     * last day it holds through and what the explanation says.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # rule and the boundary it pins                                                        | date       | launch     | condition              | met   | metFrom    | holdsThrough | explanation
            Launch: Platinum counts on the launch day itself                                       | 2020-07-01 | 2020-07-01 | AFTER_PLATINUM_LAUNCH  | true  | -          | -            | Platinum exists since 2020-07-01
            Launch: the day before the launch does not count, met from the launch                  | 2020-06-30 | 2020-07-01 | AFTER_PLATINUM_LAUNCH  | false | 2020-07-01 | -            | Platinum was launched on 2020-07-01
            ISEA won four years less a day before D counts                                         | 2023-11-07 | 2013-01-01 | ISEA_WITHIN_FOUR_YEARS | true  | -          | 2023-11-07   | won the ISEA 2019 (Contact Centre) on 2019-11-08
            ISEA won exactly four years before D does not count, met again on the next win         | 2023-11-08 | 2013-01-01 | ISEA_WITHIN_FOUR_YEARS | false | 2024-11-08 | -            | its last ISEA win, on 2019-11-08, is more than 4 years before this date
            ISEA won the day after D does not count yet                                            | 2024-11-07 | 2013-01-01 | ISEA_WITHIN_FOUR_YEARS | false | 2024-11-08 | -            | its last ISEA win, on 2019-11-08, is more than 4 years before this date
            ISEA won on D itself counts, and holds four years less a day                           | 2024-11-08 | 2013-01-01 | ISEA_WITHIN_FOUR_YEARS | true  | -          | 2028-11-07   | won the ISEA 2024 (Contact Centre) on 2024-11-08
            ISEA: when every win is too old the latest one is named                                | 2028-11-08 | 2013-01-01 | ISEA_WITHIN_FOUR_YEARS | false | -          | -            | its last ISEA win, on 2024-11-08, is more than 4 years before this date
            ISEA: no win on or before D, met from the first win                                    | 2019-11-07 | 2013-01-01 | ISEA_WITHIN_FOUR_YEARS | false | 2019-11-08 | -            | no ISEA win in the 4 years up to this date
            One year: a run that started exactly one year before D counts, through the run's end   | 2020-07-01 | 2013-01-01 | ONE_YEAR_ACTIVE_GOLD   | true  | -          | 2024-02-29   | Active Gold without a break since 2019-07-01 (at least 1 year)
            One year: a run that started one year less a day before D does not, met the next day   | 2020-06-30 | 2013-01-01 | ONE_YEAR_ACTIVE_GOLD   | false | 2020-07-01 | -            | Active Gold without a break since 2019-07-01 (less than 1 year; 1 year on 2020-07-01)
            One year: no run while suspended                                                       | 2019-06-15 | 2013-01-01 | ONE_YEAR_ACTIVE_GOLD   | false | -          | -            | no run of Active Gold on this date
            Gold active from the award day, through the day before its suspension                  | 2018-03-01 | 2013-01-01 | GOLD_ACTIVE            | true  | -          | 2019-05-31   | Gold certificate G1 (awarded 2018-03-01, valid until 2021-03-01) is ACTIVE
            Gold suspended is not active, met again on the reinstatement                           | 2019-06-15 | 2013-01-01 | GOLD_ACTIVE            | false | 2019-07-01 | -            | Gold certificate G1 is SUSPENDED
            Gold expired on its validUntil is not active, met again when the next Gold run starts  | 2024-03-01 | 2013-01-01 | GOLD_ACTIVE            | false | 2024-05-01 | -            | Gold certificate G2 is EXPIRED
            Gold: no certificate before the first award, met from the first award                  | 2018-02-28 | 2013-01-01 | GOLD_ACTIVE            | false | 2018-03-01 | -            | no certificate on this date
            CCSM employed on the day the credential ends does not count                            | 2022-06-01 | 2013-01-01 | CCSM_EMPLOYED          | false | 2023-06-01 | -            | no one it employs holds a CCSM credential valid on this date
            CCSM holder on the day the employment ends does not count                              | 2023-01-01 | 2013-01-01 | CCSM_EMPLOYED          | false | 2023-06-01 | -            | employs no Certified Customer Service Manager on this date
            CCSM holder on the day the employment starts counts, through the credential's end      | 2023-06-01 | 2013-01-01 | CCSM_EMPLOYED          | true  | -          | 2025-12-31   | employs a Certified Customer Service Manager: CCSM-0002
            """)
    void eachConditionAtItsBoundaries(String rule, LocalDate date, LocalDate launch, ConditionCode code, boolean met,
                                      LocalDate metFrom, LocalDate holdsThrough, String explanation) {
        PlatinumPolicy policy = new PlatinumPolicy(launch);
        PlatinumPolicy.Condition condition = policy.standingOn(date, HISTORY).condition(code);

        assertThat(policy.launch()).isEqualTo(launch);

        assertThat(condition.met()).isEqualTo(met);
        assertThat(condition.metFrom()).isEqualTo(metFrom);
        assertThat(condition.holdsThrough()).isEqualTo(holdsThrough);
        assertThat(condition.explanation()).isEqualTo(explanation);
    }

    @Test
    void theGoldConditionNamesTheAwardAndTheLatestReinstatement() {
        OrganisationHistory history = new OrganisationHistory(List.of(gold("G", "2018-01-01", id("g"),
                change("s1", "2018-06-01", CertificateStatus.SUSPENDED),
                change("r1", "2018-07-01", CertificateStatus.ACTIVE),
                change("s2", "2019-06-01", CertificateStatus.SUSPENDED),
                change("r2", "2019-07-01", CertificateStatus.ACTIVE))), List.of(), List.of(), List.of());

        assertThat(policy().standingOn(date("2019-08-01"), history).condition(ConditionCode.GOLD_ACTIVE).eventIds())
                .containsExactly(id("g"), id("r2"));
    }

    @Test
    void aSuspensionAndAReinstatementOnOneDayDoNotBreakTheRun() {
        OrganisationHistory history = new OrganisationHistory(List.of(gold("G", "2018-01-01", id("g"),
                change("s", "2019-01-01", CertificateStatus.SUSPENDED),
                change("r", "2019-01-01", CertificateStatus.ACTIVE))), List.of(), List.of(), List.of());

        assertThat(PlatinumPolicy.activeGoldRuns(history)).containsExactly(
                new PlatinumPolicy.Run(date("2018-01-01"), date("2021-01-01"), List.of(id("g"))));
    }

    /** Runs are the days on which some Gold certificate is ACTIVE, in date order, whatever order the certificates. */
    @Test
    void overlappingGoldCertificatesMakeOneRunFromTheEarliestActiveDay() {
        OrganisationHistory history = new OrganisationHistory(List.of(
                gold("A", "2018-01-01", id("a"), change("s", "2018-06-01", CertificateStatus.SUSPENDED),
                        change("r", "2018-07-01", CertificateStatus.ACTIVE)),
                gold("B", "2018-01-01", id("b"))), List.of(), List.of(), List.of());

        assertThat(PlatinumPolicy.activeGoldRuns(history)).extracting(PlatinumPolicy.Run::start,
                PlatinumPolicy.Run::end).containsExactly(tuple(date("2018-01-01"), date("2021-01-01")));
    }

    @Test
    void withTwoCcsmHoldersItHoldsThroughTheLaterEndAndIsMetFromTheEarlierStart() {
        OrganisationHistory history = new OrganisationHistory(List.of(gold("G", "2018-01-01", id("g"))),
                List.of(new Employment("e1", "P1", date("2018-01-01"), date("2019-01-01"), id("e1"), id("e1-end")),
                        new Employment("e2", "P2", date("2018-01-01"), date("2020-01-01"), id("e2"), id("e2-end")),
                        new Employment("e3", "P3", date("2022-01-01"), null, id("e3"), null),
                        new Employment("e4", "P4", date("2021-01-01"), null, id("e4"), null)),
                List.of(new Credential("P1", "CCSM-1", date("2015-01-01"), date("2030-01-01"), id("c1")),
                        new Credential("P2", "CCSM-2", date("2015-01-01"), date("2030-01-01"), id("c2")),
                        new Credential("P3", "CCSM-3", date("2015-01-01"), date("2030-01-01"), id("c3")),
                        new Credential("P4", "CCSM-4", date("2015-01-01"), date("2030-01-01"), id("c4"))),
                List.of());

        assertThat(policy().standingOn(date("2018-06-01"), history).condition(ConditionCode.CCSM_EMPLOYED)
                .holdsThrough()).isEqualTo(date("2019-12-31"));
        assertThat(policy().standingOn(date("2020-06-01"), history).condition(ConditionCode.CCSM_EMPLOYED)
                .metFrom()).isEqualTo(date("2021-01-01"));
    }

    @Test
    void reasonsNameTheEventsThatMadeItGoldAndUntilWhenEachConditionHolds() {
        PlatinumStanding standing = policy().standingOn(date("2020-07-01"), HISTORY);

        assertThat(standing.condition(ConditionCode.GOLD_ACTIVE).eventIds()).containsExactly(G1, REINSTATED);
        // the run started with the reinstatement and goes on through G2 until G2 expires
        assertThat(standing.condition(ConditionCode.ONE_YEAR_ACTIVE_GOLD).eventIds())
                .containsExactly(REINSTATED, G2);
        assertThat(standing.condition(ConditionCode.GOLD_ACTIVE).holdsThrough()).isEqualTo(date("2024-02-29"));
        assertThat(standing.condition(ConditionCode.CCSM_EMPLOYED).holdsThrough()).isEqualTo(date("2022-05-31"));
        assertThat(standing.condition(ConditionCode.CCSM_EMPLOYED).eventIds()).containsExactly(id("e1"), id("c1"));
        assertThat(standing.condition(ConditionCode.ISEA_WITHIN_FOUR_YEARS).holdsThrough())
                .isEqualTo(date("2023-11-07"));
        assertThat(standing.condition(ConditionCode.ISEA_WITHIN_FOUR_YEARS).eventIds()).containsExactly(ISEA_2019);
        assertThat(standing.holdsThrough()).isEqualTo(date("2022-05-31"));
    }

    @Test
    void anUnmetConditionSaysWhenItWouldBeMetAndTheOthersUntilWhenTheyHold() {
        PlatinumStanding standing = policy().standingOn(date("2025-04-30"), HISTORY);

        PlatinumPolicy.Condition year = standing.condition(ConditionCode.ONE_YEAR_ACTIVE_GOLD);
        assertThat(year.metFrom()).isEqualTo(date("2025-05-01"));
        assertThat(year.explanation()).contains("2024-05-01");
        assertThat(standing.condition(ConditionCode.ISEA_WITHIN_FOUR_YEARS).holdsThrough())
                .isEqualTo(date("2028-11-07"));
        assertThat(standing.condition(ConditionCode.CCSM_EMPLOYED).holdsThrough()).isEqualTo(date("2025-12-31"));
        assertThat(standing.holdsThrough()).isNull();
    }

    @ParameterizedTest(name = "re-award on {0}: run since {1}")
    @CsvSource({
            "2020-12-01, 2018-01-01",
            "2021-01-01, 2018-01-01",
            "2021-01-02, 2021-01-02",
    })
    void aReAwardOnOrBeforeTheDayTheOldGoldEndsKeepsTheRun(LocalDate reAward, LocalDate runStart) {
        OrganisationHistory history = new OrganisationHistory(List.of(
                gold("OLD", "2018-01-01", id("old"), change("x", "2021-01-01", CertificateStatus.EXPIRED)),
                gold("NEW", reAward.toString(), id("new"))), List.of(), List.of(), List.of());

        assertThat(PlatinumPolicy.activeGoldRuns(history)).last().extracting(PlatinumPolicy.Run::start)
                .isEqualTo(runStart);
    }

    @Test
    void aCertifiedReAwardEndsTheGoldRun() {
        OrganisationHistory history = new OrganisationHistory(List.of(
                gold("G", "2018-01-01", id("g")),
                new Certificate("C", Tier.CERTIFIED, "ICSS:2015-2020", date("2020-06-01"), date("2023-06-01"),
                        "c", id("c"), List.of())), List.of(), List.of(), List.of());

        assertThat(PlatinumPolicy.activeGoldRuns(history)).singleElement()
                .satisfies(run -> assertThat(run.end()).isEqualTo(date("2020-06-01")));
        assertThat(policy().standingOn(date("2020-07-01"), history).condition(ConditionCode.GOLD_ACTIVE).met())
                .isFalse();
    }

    @Test
    void aCcsmEmployedWithoutAValidCredentialDoesNotCount() {
        OrganisationHistory history = new OrganisationHistory(List.of(gold("G", "2018-01-01", id("g"))),
                List.of(new Employment("e", "P", date("2018-01-01"), null, id("e"), null)),
                List.of(new Credential("P", "CCSM-9", date("2019-01-01"), date("2019-06-01"), id("c")),
                        new Credential("OTHER", "CCSM-8", date("2015-01-01"), date("2030-01-01"), id("o"))),
                List.of());

        PlatinumPolicy.Condition before = policy().standingOn(date("2018-06-01"), history)
                .condition(ConditionCode.CCSM_EMPLOYED);
        assertThat(before.met()).isFalse();
        assertThat(before.metFrom()).isEqualTo(date("2019-01-01"));
        assertThat(policy().standingOn(date("2019-05-31"), history).condition(ConditionCode.CCSM_EMPLOYED).met())
                .isTrue();
        assertThat(policy().standingOn(date("2019-06-01"), history).condition(ConditionCode.CCSM_EMPLOYED).met())
                .isFalse();
    }

    private static PlatinumPolicy policy() {
        return new PlatinumPolicy(date("2013-01-01"));
    }

    private static List<ConditionCode> codes(String missing) {
        return missing.isBlank() ? List.of()
                : Arrays.stream(missing.trim().split("\\s+")).map(ConditionCode::valueOf).toList();
    }

    private static Certificate gold(String number, String awardedOn, UUID eventId, Change... changes) {
        LocalDate awarded = date(awardedOn);
        return new Certificate(number, Tier.GOLD, "ICSS:2015-2020", awarded, awarded.plusYears(3), "audit-" + number,
                eventId, List.of(changes));
    }

    private static Change change(String id, String on, CertificateStatus status) {
        return new Change(id(id), date(on), status);
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
