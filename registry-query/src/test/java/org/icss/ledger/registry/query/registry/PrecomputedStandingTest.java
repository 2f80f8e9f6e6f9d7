package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Award;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Certificate;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Change;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Credential;
import org.icss.ledger.registry.query.registry.OrganisationHistory.Employment;
import org.icss.ledger.registry.query.registry.StandingPolicy.Period;
import org.icss.ledger.registry.query.registry.StandingPolicy.Standing;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the registry keeps precomputed answers exactly what working the standing out from scratch answers, on random
 * histories: today's standing is computed on one day and served until {@link StandingPolicy#nextChange}, so on every
 * day of that span it must equal the standing worked out for that day; the standing periods must give the tier,
 * status and certificate of every day.
 */
class PrecomputedStandingTest {

    private static final StandingPolicy POLICY = new StandingPolicy(new PlatinumPolicy(LocalDate.of(2013, 1, 1)));
    private static final LocalDate START = LocalDate.of(2011, 1, 1);

    @RepeatedTest(200)
    void anAnswerKeptUntilItsNextChangeIsTheAnswerOfEveryDayUntilThen(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        OrganisationHistory history = randomHistory(random);
        for (int probe = 0; probe < 40; probe++) {
            LocalDate computedOn = START.plusDays(random.nextInt(365 * 16));
            Standing kept = POLICY.standingOn(computedOn, history);
            Optional<LocalDate> next = POLICY.nextChange(history, computedOn);
            LocalDate last = next.map(d -> d.minusDays(1)).orElse(computedOn.plusYears(3));
            assertThat(next.map(d -> d.isAfter(computedOn)).orElse(true)).isTrue();
            for (LocalDate day : List.of(computedOn, last, between(random, computedOn, last))) {
                assertThat(kept.onDay(day)).as("kept from %s, served on %s", computedOn, day)
                        .isEqualTo(POLICY.standingOn(day, history));
            }
        }
    }

    @RepeatedTest(200)
    void thePeriodsGiveTheStandingOfEveryDay(RepetitionInfo repetition) {
        Random random = new Random(1000 + repetition.getCurrentRepetition());
        OrganisationHistory history = randomHistory(random);
        List<Period> periods = POLICY.periods(history);
        assertThat(periods.get(0).from()).isEqualTo(StandingPolicy.FIRST_DAY);
        assertThat(periods.get(periods.size() - 1).until()).isNull();
        for (int i = 1; i < periods.size(); i++) {
            assertThat(periods.get(i).from()).isEqualTo(periods.get(i - 1).until());
        }
        for (int probe = 0; probe < 60; probe++) {
            LocalDate day = START.plusDays(random.nextInt(365 * 16));
            Standing standing = POLICY.standingOn(day, history);
            Period period = periods.stream().filter(p -> !p.from().isAfter(day)
                    && (p.until() == null || p.until().isAfter(day))).findFirst().orElseThrow();
            assertThat(period.tier()).as("tier on %s", day).isEqualTo(standing.tier());
            assertThat(period.status()).as("status on %s", day).isEqualTo(standing.status());
            assertThat(period.certificateNumber()).as("certificate on %s", day)
                    .isEqualTo(standing.certificate() == null ? null : standing.certificate().number());
        }
    }

    @Test
    void aHistoryWithNothingToComeHasNoNextChangeAndOnePeriod() {
        OrganisationHistory empty = OrganisationHistory.empty();
        assertThat(POLICY.nextChange(empty, LocalDate.of(2020, 1, 1))).isEmpty();
        assertThat(POLICY.periods(empty)).containsExactly(new Period(StandingPolicy.FIRST_DAY, null, Tier.NONE, null,
                null));
        assertThat(POLICY.nextChange(empty, LocalDate.of(2012, 12, 31))).contains(LocalDate.of(2013, 1, 1));
    }

    private static LocalDate between(Random random, LocalDate from, LocalDate to) {
        long span = to.toEpochDay() - from.toEpochDay();
        return span <= 0 ? from : from.plusDays(random.nextLong(span + 1));
    }

    /** Any history, valid or not for the domain: the property holds for every input the policy can be given. */
    static OrganisationHistory randomHistory(Random random) {
        List<Certificate> certificates = new ArrayList<>();
        LocalDate awarded = START.plusDays(random.nextInt(600));
        for (int c = 0; c < 1 + random.nextInt(4); c++) {
            LocalDate validUntil = awarded.plusYears(3);
            List<Change> changes = new ArrayList<>();
            LocalDate on = awarded;
            for (int k = 0; k < random.nextInt(4); k++) {
                on = on.plusDays(30 + random.nextInt(500));
                CertificateStatus status = CertificateStatus.values()[random.nextInt(CertificateStatus.values().length)];
                changes.add(new Change(UUID.randomUUID(), on, status));
            }
            certificates.add(new Certificate("ICSS-" + c, random.nextInt(4) == 0 ? Tier.CERTIFIED : Tier.GOLD,
                    "ICSS:2015-2020", awarded, validUntil, "audit-" + c, UUID.randomUUID(), changes));
            awarded = random.nextBoolean() ? validUntil.minusDays(random.nextInt(60))
                    : validUntil.plusDays(random.nextInt(400));
        }
        List<Employment> employments = new ArrayList<>();
        List<Credential> credentials = new ArrayList<>();
        for (int p = 0; p < random.nextInt(3); p++) {
            LocalDate started = START.plusDays(random.nextInt(365 * 12));
            LocalDate ended = random.nextBoolean() ? null : started.plusDays(1 + random.nextInt(1500));
            employments.add(new Employment("e" + p, "pro-" + p, started, ended, UUID.randomUUID(),
                    ended == null ? null : UUID.randomUUID()));
            LocalDate from = started.plusDays(random.nextInt(800) - 400);
            credentials.add(new Credential("pro-" + p, "CCSM-" + p, from, from.plusYears(3), UUID.randomUUID()));
        }
        List<Award> awards = new ArrayList<>();
        for (int a = 0; a < random.nextInt(3); a++) {
            LocalDate won = START.plusDays(random.nextInt(365 * 14));
            if (random.nextInt(5) == 0) {
                won = LocalDate.of(2016 + 4 * random.nextInt(3), 2, 29);
            }
            awards.add(new Award("award-" + a, won.getYear(), "Category", won, UUID.randomUUID()));
        }
        return new OrganisationHistory(certificates, employments, credentials, awards);
    }
}
