package org.icss.ledger.audit.query.certificates;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.StandardVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The certificate view's rule as a table: from a certificate's changes, does the organisation hold an ACTIVE or
 * SUSPENDED certificate of the version on the day?
 */
class CertificateViewReaderTest {

    private static final StandardVersion V2015 = StandardVersion.ICSS_2015_2020;

    /**
     * @param changes the changes of certificates of ICSS:2015-2020, in the order received, separated by spaces:
     *                {@code STATUS@date}, a leading {@code *} marks the award, a trailing {@code !} a revoked change,
     *                a {@code CERT:} prefix names another certificate (default: C1); every certificate is valid
     *                until 2021-01-10
     */
    @ParameterizedTest(name = "[{0}] on {1}: {2}")
    @CsvSource({
            // changes, in the order received                                      day         holds
            "'',                                                                   2020-06-01, false",
            "*ACTIVE@2018-01-10,                                                   2018-01-09, false",
            "*ACTIVE@2018-01-10,                                                   2018-01-10, true",
            "*ACTIVE@2018-01-10,                                                   2020-06-01, true",
            // valid until 2021-01-10: not held from that day, even before an expiry is announced
            "*ACTIVE@2018-01-10,                                                   2021-01-09, true",
            "*ACTIVE@2018-01-10,                                                   2021-01-10, false",
            "*ACTIVE@2018-01-10 EXPIRED@2020-05-01,                                2020-04-30, true",
            "*ACTIVE@2018-01-10 EXPIRED@2020-05-01,                                2020-06-01, false",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01,                              2020-06-01, true",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01 WITHDRAWN@2020-05-01,        2020-04-30, true",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01 WITHDRAWN@2020-05-01,        2020-06-01, false",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01 ACTIVE@2020-04-01,           2020-06-01, true",
            "*ACTIVE@2018-01-10 SUPERSEDED@2020-02-01,                             2020-06-01, false",
            // a revoked change no longer holds: the certificate is back to the change before it
            "*ACTIVE@2018-01-10 WITHDRAWN@2020-05-01!,                             2020-06-01, true",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01 WITHDRAWN@2020-05-01!,       2020-06-01, true",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01! WITHDRAWN@2020-05-01,       2020-06-01, false",
            // a revoked award: the certificate does not exist, whatever else was announced for it
            "*ACTIVE@2018-01-10!,                                                  2020-06-01, false",
            "*ACTIVE@2018-01-10! SUSPENDED@2020-03-01,                             2020-06-01, false",
            // same date: the change received last wins
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01 ACTIVE@2020-03-01,           2020-03-01, true",
            "*ACTIVE@2018-01-10 SUSPENDED@2020-03-01 WITHDRAWN@2020-03-01,        2020-03-01, false",
            "*ACTIVE@2018-01-10 WITHDRAWN@2020-03-01 ACTIVE@2020-03-01,           2020-03-01, true",
            // a change after the day does not count yet
            "*ACTIVE@2018-01-10 WITHDRAWN@2020-07-01,                             2020-06-01, true",
            // one certificate ended, another of the same version active
            "*ACTIVE@2017-01-10 EXPIRED@2020-01-10 C2:*ACTIVE@2019-02-01,          2020-06-01, true",
            "*ACTIVE@2017-01-10 EXPIRED@2020-01-10 C2:*ACTIVE@2020-07-01,          2020-06-01, false",
    })
    void holdsAnActiveOrSuspendedCertificateOfTheVersion(String changes, LocalDate day, boolean holds) {
        assertThat(CertificateViewReader.holdsActiveOrSuspended(parse(changes, V2015), V2015, day)).isEqualTo(holds);
    }

    @ParameterizedTest(name = "{0} certificate on 2020-06-01, asked for {1}: {2}")
    @CsvSource({
            "ICSS:2015-2020, ICSS:2015-2020, true",
            "ICSS:2020-2025, ICSS:2015-2020, false",
            "ICSS:2015-2020, ICSS:2020-2025, false",
    })
    void onlyACertificateOfTheVersionAskedForCounts(String held, String asked, boolean holds) {
        List<CertificateChange> changes = parse("*ACTIVE@2020-02-01", new StandardVersion(held));

        assertThat(CertificateViewReader.holdsActiveOrSuspended(changes, new StandardVersion(asked),
                LocalDate.of(2020, 6, 1))).isEqualTo(holds);
    }

    private static List<CertificateChange> parse(String changes, StandardVersion version) {
        List<CertificateChange> parsed = new ArrayList<>();
        long received = 0;
        for (String token : changes.trim().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            String certificate = "C1";
            int colon = token.indexOf(':');
            if (colon >= 0) {
                certificate = token.substring(0, colon);
                token = token.substring(colon + 1);
            }
            boolean award = token.startsWith("*");
            boolean revoked = token.endsWith("!");
            String[] change = token.replace("*", "").replace("!", "").split("@");
            parsed.add(new CertificateChange(certificate, version, LocalDate.of(2021, 1, 10),
                    CertificateStatus.valueOf(change[0]), LocalDate.parse(change[1]), ++received, award, revoked));
        }
        return parsed;
    }
}
