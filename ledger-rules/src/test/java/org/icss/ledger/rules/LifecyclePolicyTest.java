package org.icss.ledger.rules;

import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificationSuspended.SuspensionCause;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** DOMAIN.md's rules, one test each, on the pure timeline function. */
class LifecyclePolicyTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final LocalDate A = LocalDate.of(2021, 3, 1);
    private static final LocalDate FAR = LocalDate.of(2035, 1, 1);

    private final List<AuditReport> audits = new ArrayList<>();
    private final List<HealthCheckReport> checks = new ArrayList<>();
    private CertificationRules rules = CertificationRules.defaults();
    private long sequence;

    @ParameterizedTest(name = "{0}, lowest {1}: {2}")
    @CsvSource({
            "CERTIFICATION,   6, GOLD",
            "CERTIFICATION,   10, GOLD",
            "CERTIFICATION,   5, CERTIFIED",
            "CERTIFICATION,   4, CERTIFIED",
            "CERTIFICATION,   3, NONE",
            "RECERTIFICATION, 6, GOLD",
            "RECERTIFICATION, 4, CERTIFIED",
            "ANNUAL,          9, NONE",
            "ANNUAL,          4, NONE",
    })
    void goldRequiresSixAndCertifiedFourOnEveryAttributeOfACertificationAudit(AuditType type, int lowest,
                                                                             Tier tier) {
        assertThat(TierPolicy.awardFor(type, scores(lowest), rules).orElse(Tier.NONE)).isEqualTo(tier);
    }

    @Test
    void certifiedMinScoreIsConfigurable() {
        rules = new CertificationRules(5, Period.ofDays(90), Period.ofDays(180));

        assertThat(TierPolicy.awardFor(AuditType.CERTIFICATION, scores(4), rules)).isEmpty();
        assertThat(TierPolicy.awardFor(AuditType.CERTIFICATION, scores(5), rules)).contains(Tier.CERTIFIED);
    }

    @Test
    void anAwardIsActiveFromTheAuditDateAndValidForThreeYears() {
        audit("a1", A, 6);

        assertThat(timeline(A)).containsExactly(awarded("a1", A, Tier.GOLD));
        assertThat(awarded("a1", A, Tier.GOLD).validUntil()).isEqualTo(LocalDate.of(2024, 3, 1));
    }

    @Test
    void aLeapDayAwardIsValidUntilTheTwentyEighthOfFebruary() {
        LocalDate leap = LocalDate.of(2024, 2, 29);
        audit("a1", leap, 7);

        assertThat(((Change.Awarded) timeline(leap).get(0)).validUntil()).isEqualTo(LocalDate.of(2027, 2, 28));
    }

    @Test
    void anAuditBelowTheCertifiedThresholdAwardsNothingAndTheCertificateRunsOn() {
        audit("a1", A, 6);
        audit("a2", A.plusMonths(6), 2);
        passedCheck("h1", A.plusYears(1));

        assertThat(timeline(A.plusYears(2))).containsExactly(awarded("a1", A, Tier.GOLD));
    }

    @Test
    void anAnnualAuditDoesNotChangeTheCertificate() {
        audit("a1", A, 6);
        annualAudit("a2", A.plusMonths(11), 9);
        passedCheck("h1", A.plusYears(1));

        assertThat(timeline(A.plusYears(2))).containsExactly(awarded("a1", A, Tier.GOLD));
    }

    @Test
    void aPassedCheckWithinTheGraceOfTheAnniversarySatisfiesIt() {
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1).minusDays(90));
        passedCheck("h2", A.plusYears(2).plusDays(90));

        assertThat(timeline(A.plusYears(3).minusDays(1))).containsExactly(awarded("a1", A, Tier.GOLD));
    }

    @Test
    void aMissedHealthCheckSuspendsTheDayAfterTheGraceEnds() {
        audit("a1", A, 6);

        LocalDate anniversary = A.plusYears(1);
        assertThat(timeline(anniversary.plusDays(90))).containsExactly(awarded("a1", A, Tier.GOLD));
        assertThat(timeline(anniversary.plusDays(91))).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), anniversary.plusDays(91),
                        SuspensionCause.HEALTH_CHECK_MISSED, "2022-03-01"));
    }

    @Test
    void aCheckOutsideTheWindowDoesNotSatisfyTheAnniversary() {
        audit("a1", A, 6);
        passedCheck("early", A.plusYears(1).minusDays(91));

        assertThat(timeline(A.plusYears(1).plusDays(91))).contains(new Change.Suspended(number("a1", A, Tier.GOLD),
                A.plusYears(1).plusDays(91), SuspensionCause.HEALTH_CHECK_MISSED, "2022-03-01"));
    }

    @Test
    void healthCheckGraceIsConfigurable() {
        rules = new CertificationRules(4, Period.ofDays(30), Period.ofDays(180));
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1).plusDays(31));

        assertThat(timeline(A.plusYears(1).plusDays(31))).contains(new Change.Suspended(number("a1", A, Tier.GOLD),
                A.plusYears(1).plusDays(31), SuspensionCause.HEALTH_CHECK_MISSED, "2022-03-01"));
    }

    @Test
    void aFailedHealthCheckSuspendsOnItsDate() {
        audit("a1", A, 6);
        failedCheck("h1", A.plusMonths(10));

        assertThat(timeline(A.plusMonths(10))).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), A.plusMonths(10),
                        SuspensionCause.HEALTH_CHECK_FAILED, "h1"));
    }

    @Test
    void aPassedCheckWithin180DaysOfSuspensionReinstates() {
        audit("a1", A, 6);
        LocalDate suspended = A.plusMonths(10);
        failedCheck("h1", suspended);
        passedCheck("h2", suspended.plusDays(180));

        assertThat(timeline(suspended.plusDays(400))).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), suspended, SuspensionCause.HEALTH_CHECK_FAILED, "h1"),
                new Change.Reinstated(number("a1", A, Tier.GOLD), suspended.plusDays(180), "h2"));
    }

    @Test
    void aReinstatingCheckSatisfiesTheAnniversaryThatWasMissed() {
        audit("a1", A, 6);
        LocalDate suspended = A.plusYears(1).plusDays(91);
        passedCheck("late", suspended.plusDays(30));

        List<Change> changes = timeline(A.plusYears(2).minusDays(1));
        assertThat(changes).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), suspended, SuspensionCause.HEALTH_CHECK_MISSED,
                        "2022-03-01"),
                new Change.Reinstated(number("a1", A, Tier.GOLD), suspended.plusDays(30), "late"));
    }

    @Test
    void noReinstatementWithin180DaysWithdrawsOnTheDayAfter() {
        audit("a1", A, 6);
        LocalDate suspended = A.plusMonths(10);
        failedCheck("h1", suspended);
        passedCheck("too-late", suspended.plusDays(181));

        assertThat(timeline(suspended.plusDays(400))).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), suspended, SuspensionCause.HEALTH_CHECK_FAILED, "h1"),
                new Change.Withdrawn(number("a1", A, Tier.GOLD), suspended.plusDays(181)));
    }

    @Test
    void suspensionMaxIsConfigurable() {
        rules = new CertificationRules(4, Period.ofDays(90), Period.ofDays(30));
        audit("a1", A, 6);
        failedCheck("h1", A.plusMonths(10));

        assertThat(timeline(A.plusMonths(10).plusDays(31))).last()
                .isEqualTo(new Change.Withdrawn(number("a1", A, Tier.GOLD), A.plusMonths(10).plusDays(31)));
    }

    @Test
    void checksOnAWithdrawnCertificateChangeNothing() {
        audit("a1", A, 6);
        failedCheck("h1", A.plusMonths(10));
        passedCheck("h2", A.plusMonths(10).plusDays(200));
        failedCheck("h3", A.plusMonths(10).plusDays(210));

        assertThat(timeline(FAR)).last().isEqualTo(new Change.Withdrawn(number("a1", A, Tier.GOLD),
                A.plusMonths(10).plusDays(181)));
    }

    @Test
    void aCertificateExpiresOnValidUntil() {
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1));
        passedCheck("h2", A.plusYears(2));

        assertThat(timeline(A.plusYears(3).minusDays(1))).containsExactly(awarded("a1", A, Tier.GOLD));
        assertThat(timeline(FAR)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Expired(number("a1", A, Tier.GOLD), A.plusYears(3)));
    }

    @Test
    void aSuspendedCertificateExpiresOnValidUntilRatherThanBeingWithdrawnLater() {
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1));
        passedCheck("h1b", A.plusYears(2));
        LocalDate suspended = A.plusYears(3).minusDays(20);
        failedCheck("h2", suspended);

        assertThat(timeline(FAR)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), suspended, SuspensionCause.HEALTH_CHECK_FAILED, "h2"),
                new Change.Expired(number("a1", A, Tier.GOLD), A.plusYears(3)));
    }

    @Test
    void recertificationBeforeExpirySupersedesTheOldCertificateOnTheSameDay() {
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1));
        passedCheck("h2", A.plusYears(2));
        LocalDate again = A.plusYears(3).minusMonths(1);
        recertification("a2", again, 7);

        assertThat(timeline(again)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Superseded(number("a1", A, Tier.GOLD), again, number("a2", again, Tier.GOLD)),
                awarded("a2", again, Tier.GOLD));
    }

    @Test
    void recertificationOnTheExpiryDateComesFirstSoTheCertificateDoesNotExpire() {
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1));
        passedCheck("h2", A.plusYears(2));
        LocalDate validUntil = A.plusYears(3);
        recertification("a2", validUntil, 7);

        assertThat(timeline(validUntil)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Superseded(number("a1", A, Tier.GOLD), validUntil, number("a2", validUntil, Tier.GOLD)),
                awarded("a2", validUntil, Tier.GOLD));
    }

    @Test
    void recertificationAfterExpiryStartsANewCertificate() {
        audit("a1", A, 6);
        passedCheck("h1", A.plusYears(1));
        passedCheck("h2", A.plusYears(2));
        LocalDate later = A.plusYears(3).plusMonths(2);
        recertification("a2", later, 6);

        assertThat(timeline(later)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Expired(number("a1", A, Tier.GOLD), A.plusYears(3)), awarded("a2", later, Tier.GOLD));
    }

    @Test
    void onOneDayAwardsComeBeforeHealthChecks() {
        audit("a1", A, 6);
        LocalDate day = A.plusYears(1);
        failedCheck("h1", day);
        recertification("a2", day, 8);

        assertThat(timeline(day)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Superseded(number("a1", A, Tier.GOLD), day, number("a2", day, Tier.GOLD)),
                awarded("a2", day, Tier.GOLD),
                new Change.Suspended(number("a2", day, Tier.GOLD), day, SuspensionCause.HEALTH_CHECK_FAILED, "h1"));
    }

    @Test
    void onOneDayHealthChecksArePlayedInTheOrderReceivedNotTheOrderListed() {
        audit("a1", A, 6);
        LocalDate day = A.plusMonths(10);
        checks.add(new HealthCheckReport("received-second", day, true, 101));
        checks.add(new HealthCheckReport("received-first", day, false, 100));

        assertThat(timeline(day)).containsExactly(awarded("a1", A, Tier.GOLD),
                new Change.Suspended(number("a1", A, Tier.GOLD), day, SuspensionCause.HEALTH_CHECK_FAILED,
                        "received-first"),
                new Change.Reinstated(number("a1", A, Tier.GOLD), day, "received-second"));
    }

    @Test
    void onOneDayAwardsArePlayedInTheOrderReceivedSoTheLastReceivedIsCurrent() {
        audits.add(new AuditReport("received-second", A, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION,
                scores(7), 201));
        audits.add(new AuditReport("received-first", A, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION,
                scores(6), 200));

        assertThat(timeline(A)).containsExactly(awarded("received-first", A, Tier.GOLD),
                new Change.Superseded(number("received-first", A, Tier.GOLD), A,
                        number("received-second", A, Tier.GOLD)),
                awarded("received-second", A, Tier.GOLD));
    }

    @Test
    void aCertifiedOrganisationReachingGoldGetsAGoldCertificate() {
        audit("a1", A, 4);
        LocalDate gold = A.plusMonths(8);
        recertification("a2", gold, 6);

        assertThat(timeline(gold)).containsExactly(awarded("a1", A, Tier.CERTIFIED),
                new Change.Superseded(number("a1", A, Tier.CERTIFIED), gold, number("a2", gold, Tier.GOLD)),
                awarded("a2", gold, Tier.GOLD));
    }

    @Test
    void theTimelineStopsAtTheDateAsked() {
        audit("a1", A, 6);
        audit("a2", A.plusMonths(1), 7);

        assertThat(timeline(A.plusMonths(1).minusDays(1))).containsExactly(awarded("a1", A, Tier.GOLD));
    }

    @Test
    void theOrderReportsArriveInDoesNotMatterAcrossDays() {
        audit("a1", A, 6);
        failedCheck("h1", A.plusMonths(10));
        passedCheck("h2", A.plusMonths(11));
        List<Change> inOrder = timeline(FAR);

        audits.clear();
        checks.clear();
        passedCheck("h2", A.plusMonths(11));
        failedCheck("h1", A.plusMonths(10));
        audit("a1", A, 6);

        assertThat(timeline(FAR)).isEqualTo(inOrder);
    }

    private List<Change> timeline(LocalDate through) {
        return LifecyclePolicy.timeline(ORG, audits, checks, through, rules);
    }

    private void audit(String id, LocalDate on, int lowest) {
        audits.add(new AuditReport(id, on, StandardVersion.ICSS_2020_2025, AuditType.CERTIFICATION, scores(lowest),
                sequence++));
    }

    private void recertification(String id, LocalDate on, int lowest) {
        audits.add(new AuditReport(id, on, StandardVersion.ICSS_2020_2025, AuditType.RECERTIFICATION,
                scores(lowest), sequence++));
    }

    private void annualAudit(String id, LocalDate on, int lowest) {
        audits.add(new AuditReport(id, on, StandardVersion.ICSS_2020_2025, AuditType.ANNUAL, scores(lowest),
                sequence++));
    }

    private void passedCheck(String id, LocalDate on) {
        checks.add(new HealthCheckReport(id, on, true, sequence++));
    }

    private void failedCheck(String id, LocalDate on) {
        checks.add(new HealthCheckReport(id, on, false, sequence++));
    }

    static CertificateNumber number(String auditId, LocalDate on, Tier tier) {
        return CertificateNumbers.forAward(ORG, auditId, tier, on);
    }

    static Change.Awarded awarded(String auditId, LocalDate on, Tier tier) {
        return new Change.Awarded(number(auditId, on, tier), on, tier, StandardVersion.ICSS_2020_2025,
                on.plusYears(3), auditId);
    }

    static Map<String, Integer> scores(int lowest) {
        Map<String, Integer> scores = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            scores.put(String.format("SRV-%02d", i), i == 13 ? lowest : Math.max(lowest, 8));
        }
        return scores;
    }
}
