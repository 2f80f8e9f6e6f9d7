package org.icss.ledger.rules;

import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rule 1's question on the shared timeline: an ICSS:2015-2020 certificate held on a day, judged as awards are. */
class CertificateTimelineTest {

    private static final OrganisationId ORG = new OrganisationId("org-1");
    private static final StandardVersion V2015 = StandardVersion.ICSS_2015_2020;

    private final List<AuditReport> audits = new ArrayList<>();
    private final List<HealthCheckReport> checks = new ArrayList<>();
    private long sequence;

    /** Gold on 2017-03-01 and no health check after it: suspended on 2018-05-31, withdrawn 181 days later. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "2017-02-28, false",
            "2017-03-01, true",
            "2018-05-30, true",
            "2018-05-31, true",
            "2018-11-27, true",
            "2018-11-28, true",
            "2018-11-29, false",
            "2020-02-01, false",
    })
    void aWithdrawnCertificateIsNotHeldEvenBeforeTheWithdrawalIsAnnounced(LocalDate day, boolean held) {
        audit("gold", LocalDate.of(2017, 3, 1));

        assertThat(holds(day)).isEqualTo(held);
    }

    @Test
    void aChangeOfACertificateTheTimelineDoesNotAwardIsLeftOut() {
        org.icss.ledger.events.CertificateNumber stranger = new org.icss.ledger.events.CertificateNumber("ICSS-G-2016-0000");
        List<Change> timeline = List.of(new Change.Withdrawn(stranger, LocalDate.of(2018, 1, 1)));

        assertThat(CertificateTimeline.certificates(timeline)).isEmpty();
        assertThat(CertificateTimeline.holdsActiveOrSuspended(timeline, V2015, LocalDate.of(2018, 1, 2))).isFalse();
    }

    /** Reproduction D2 of issue 14: a re-certification on 2020-02-01 finds no certificate to stay on. */
    @Test
    void d2TheWithdrawnCertificateDoesNotLetA2015AuditIn2020() {
        audit("gold", LocalDate.of(2017, 3, 1));

        assertThat(holds(LocalDate.of(2020, 2, 1))).isFalse();
    }

    /** Reproduction D1 of issue 14: on its validUntil a certificate still counts (awards before expiry, rule 9). */
    @Test
    void d1OnItsValidUntilTheCertificateStillCounts() {
        audit("gold", LocalDate.of(2017, 3, 1));
        check(LocalDate.of(2018, 3, 1), true);
        check(LocalDate.of(2019, 3, 1), true);

        assertThat(holds(LocalDate.of(2020, 2, 29))).isTrue();
        assertThat(holds(LocalDate.of(2020, 3, 1))).isTrue();
        assertThat(holds(LocalDate.of(2020, 3, 2))).isFalse();
    }

    @Test
    void aSuspendedCertificateCountsAndOnlyItsOwnVersionDoes() {
        audit("gold", LocalDate.of(2019, 1, 10));
        check(LocalDate.of(2020, 1, 10), false);

        assertThat(holds(LocalDate.of(2020, 1, 10))).isTrue();
        assertThat(holds(LocalDate.of(2020, 6, 1))).isTrue();
        assertThat(CertificateTimeline.holdsActiveOrSuspended(timeline(LocalDate.of(2020, 6, 1)),
                StandardVersion.ICSS_2020_2025, LocalDate.of(2020, 6, 1))).isFalse();
    }

    @Test
    void theCertificatesOfATimelineCarryTheirStatusChanges() {
        audit("gold", LocalDate.of(2017, 3, 1));

        List<CertificateTimeline.Certificate> certificates =
                CertificateTimeline.certificates(timeline(LocalDate.of(2021, 1, 1)));

        assertThat(certificates).hasSize(1);
        CertificateTimeline.Certificate gold = certificates.get(0);
        assertThat(gold.statusOn(LocalDate.of(2018, 5, 31))).contains(CertificateStatus.SUSPENDED);
        assertThat(gold.statusOn(LocalDate.of(2018, 11, 28))).contains(CertificateStatus.WITHDRAWN);
        assertThat(gold.statusWhenAwardsAreJudged(LocalDate.of(2018, 11, 28))).contains(CertificateStatus.SUSPENDED);
        assertThat(gold.statusOn(LocalDate.of(2017, 2, 28))).isEmpty();
    }

    private boolean holds(LocalDate day) {
        return CertificateTimeline.holdsActiveOrSuspended(timeline(day), V2015, day);
    }

    private List<Change> timeline(LocalDate through) {
        return LifecyclePolicy.timeline(ORG, audits, checks, through, CertificationRules.defaults());
    }

    private void audit(String id, LocalDate on) {
        Map<String, Integer> scores = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            scores.put(String.format("SRV-%02d", i), 8);
        }
        audits.add(new AuditReport(id, on, V2015, AuditType.CERTIFICATION, scores, sequence++));
    }

    private void check(LocalDate on, boolean passed) {
        checks.add(new HealthCheckReport("hc-" + on, on, passed, sequence++));
    }
}
