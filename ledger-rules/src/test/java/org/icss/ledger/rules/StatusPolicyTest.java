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
}
