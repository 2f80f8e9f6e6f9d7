package org.icss.ledger.rules;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.rules.StatusPolicy.StatusChange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPolicyTest {

    private static final LocalDate AWARDED = LocalDate.of(2021, 3, 1);
    private static final LocalDate VALID_UNTIL = LocalDate.of(2024, 3, 1);
    private static final List<StatusChange> CHANGES = List.of(
            new StatusChange(LocalDate.of(2022, 1, 10), CertificateStatus.SUSPENDED),
            new StatusChange(LocalDate.of(2022, 3, 1), CertificateStatus.ACTIVE));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2021-02-28, ",
            "2021-03-01, ACTIVE",
            "2022-01-09, ACTIVE",
            "2022-01-10, SUSPENDED",
            "2022-02-28, SUSPENDED",
            "2022-03-01, ACTIVE",
            "2024-02-29, ACTIVE",
            "2024-03-01, EXPIRED",
    })
    void statusOnADate(LocalDate date, CertificateStatus expected) {
        assertThat(StatusPolicy.statusOn(AWARDED, VALID_UNTIL, CHANGES, date).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2023-06-01, WITHDRAWN",
            "2024-06-01, WITHDRAWN",
    })
    void anEndedCertificateStaysEnded(LocalDate date, CertificateStatus expected) {
        List<StatusChange> withdrawn = List.of(new StatusChange(LocalDate.of(2023, 1, 1),
                CertificateStatus.WITHDRAWN));

        assertThat(StatusPolicy.statusOn(AWARDED, VALID_UNTIL, withdrawn, date)).contains(expected);
    }

    /** Rule 9: an award (or an audit asking rule 1) on a day sees the day before's changes and that day's supersession. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "before the award nothing is held                                  | 2021-02-28 | ",
            "on the award day the certificate is active                        | 2021-03-01 | ACTIVE",
            "the day before a suspension it is still active                    | 2022-01-09 | ACTIVE",
            "a suspension on the day itself is not seen yet (checks come after) | 2022-01-10 | ACTIVE",
            "the day after a suspension it is suspended                        | 2022-01-11 | SUSPENDED",
            "a reinstatement on the day itself is not seen yet                 | 2022-03-01 | SUSPENDED",
            "the day after the reinstatement it is active                      | 2022-03-02 | ACTIVE",
            "a supersession on the day itself is seen (it comes with an award) | 2023-05-01 | SUPERSEDED",
            "on validUntil the certificate still counts (expiry comes later)   | 2024-03-01 | SUPERSEDED",
    })
    void statusAsTheDaysAwardsSeeIt(String rule, LocalDate date, CertificateStatus expected) {
        List<StatusChange> changes = List.of(
                new StatusChange(LocalDate.of(2022, 1, 10), CertificateStatus.SUSPENDED),
                new StatusChange(LocalDate.of(2022, 3, 1), CertificateStatus.ACTIVE),
                new StatusChange(LocalDate.of(2023, 5, 1), CertificateStatus.SUPERSEDED));
        assertThat(StatusPolicy.statusWhenAwardsAreJudged(AWARDED, VALID_UNTIL, changes, date).orElse(null))
                .as(rule).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "on validUntil an active certificate still counts for the day's awards | 2024-03-01 | ACTIVE",
            "the day after validUntil it has expired                              | 2024-03-02 | EXPIRED",
            "a withdrawal due on validUntil has not happened for that day's awards | 2024-03-01 | ACTIVE",
    })
    void expiryAndWithdrawalOnValidUntilComeAfterTheDaysAwards(String rule, LocalDate date,
                                                               CertificateStatus expected) {
        List<StatusChange> changes = rule.contains("withdrawal")
                ? List.of(new StatusChange(VALID_UNTIL, CertificateStatus.WITHDRAWN)) : List.of();
        assertThat(StatusPolicy.statusWhenAwardsAreJudged(AWARDED, VALID_UNTIL, changes, date)).as(rule)
                .contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a suspended certificate past validUntil has expired for the awards | 2024-03-02 | EXPIRED",
            "a withdrawn certificate past validUntil stays withdrawn           | 2024-03-02 | WITHDRAWN",
    })
    void pastValidUntilOnlyALiveCertificateExpires(String rule, LocalDate date, CertificateStatus expected) {
        CertificateStatus last = expected == CertificateStatus.WITHDRAWN ? CertificateStatus.WITHDRAWN
                : CertificateStatus.SUSPENDED;
        List<StatusChange> changes = List.of(new StatusChange(LocalDate.of(2023, 10, 1), last));
        assertThat(StatusPolicy.statusWhenAwardsAreJudged(AWARDED, VALID_UNTIL, changes, date)).as(rule)
                .contains(expected);
    }
}
