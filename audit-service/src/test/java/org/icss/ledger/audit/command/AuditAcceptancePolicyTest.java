package org.icss.ledger.audit.command;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.CertificationSuspended.SuspensionCause;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.events.Tier;
import org.icss.ledger.rules.CertificateTimeline;
import org.icss.ledger.rules.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DOMAIN.md rule 1 as a table: which version is accepted on which date, with what certificate the organisation
 * holds that day. The certificate column goes through the shared timeline's question
 * ({@link CertificateTimeline#holdsActiveOrSuspended(List, StandardVersion, LocalDate)}), so a row reads like the
 * question a member body would ask.
 */
class AuditAcceptancePolicyTest {

    private static final StandardsCatalogue CATALOGUE = StandardsCatalogue.shipped();
    private static final String REFUSED_IN_2020 = "ICSS:2015-2020 is accepted in 2020 only for organisations "
            + "already certified on it; organisations new to ICSS certify to ICSS:2020-2025";

    /**
     * @param certificate the organisation's certificate status on the audit date, and its version:
     *                    {@code NONE}, or e.g. {@code ACTIVE ICSS:2015-2020}
     * @param rejectedBy  the field the rejection names; empty when the audit is accepted
     */
    @ParameterizedTest(name = "{0} on {1} with certificate {2}: rejected by [{3}]")
    @CsvSource(nullValues = "-", value = {
            // version         audited on   certificate that day      rejected by
            "ICSS:2015-2020,   2014-12-31,  NONE,                     auditedOn",
            "ICSS:2015-2020,   2015-01-01,  NONE,                     -",
            "ICSS:2015-2020,   2017-06-30,  NONE,                     -",
            "ICSS:2015-2020,   2019-12-31,  NONE,                     -",
            "ICSS:2015-2020,   2020-01-01,  NONE,                     standardVersion",
            "ICSS:2015-2020,   2020-01-01,  ACTIVE ICSS:2015-2020,    -",
            "ICSS:2015-2020,   2020-06-01,  ACTIVE ICSS:2015-2020,    -",
            "ICSS:2015-2020,   2020-06-01,  SUSPENDED ICSS:2015-2020, -",
            "ICSS:2015-2020,   2020-06-01,  EXPIRED ICSS:2015-2020,   standardVersion",
            "ICSS:2015-2020,   2020-06-01,  WITHDRAWN ICSS:2015-2020, standardVersion",
            "ICSS:2015-2020,   2020-06-01,  SUPERSEDED ICSS:2015-2020, standardVersion",
            "ICSS:2015-2020,   2020-06-01,  NONE,                     standardVersion",
            // a certificate of the successor version does not keep an organisation on the old one
            "ICSS:2015-2020,   2020-06-01,  ACTIVE ICSS:2020-2025,    standardVersion",
            "ICSS:2015-2020,   2020-12-31,  ACTIVE ICSS:2015-2020,    -",
            "ICSS:2015-2020,   2021-01-01,  ACTIVE ICSS:2015-2020,    auditedOn",
            "ICSS:2015-2020,   2021-01-01,  NONE,                     auditedOn",
            "ICSS:2020-2025,   2019-12-31,  NONE,                     auditedOn",
            "ICSS:2020-2025,   2019-12-31,  ACTIVE ICSS:2015-2020,    auditedOn",
            "ICSS:2020-2025,   2020-01-01,  NONE,                     -",
            "ICSS:2020-2025,   2020-06-01,  ACTIVE ICSS:2015-2020,    -",
            "ICSS:2020-2025,   2026-11-23,  NONE,                     -",
    })
    void auditsAreAcceptedOnTheirVersionsDates(String version, LocalDate auditedOn, String certificate,
                                               String rejectedBy) {
        Standard standard = CATALOGUE.find(version).orElseThrow();
        List<Change> timeline = certificateOn(certificate, auditedOn);

        Map<String, String> problems = AuditAcceptancePolicy.problems(standard, CATALOGUE.all(), auditedOn,
                () -> CertificateTimeline.holdsActiveOrSuspended(timeline, standard.version(), auditedOn));

        if (rejectedBy == null) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).containsOnlyKeys(rejectedBy);
        }
    }

    @Test
    void theRejectionInTheOverlapYearSaysWhoMayStillUseTheOldVersion() {
        Standard old = CATALOGUE.find(StandardVersion.ICSS_2015_2020).orElseThrow();

        assertThat(AuditAcceptancePolicy.problems(old, CATALOGUE.all(), LocalDate.of(2020, 6, 1), () -> false))
                .containsExactly(Map.entry("standardVersion", REFUSED_IN_2020));
    }

    @Test
    void theCertificateIsNotAskedForOutsideTheOverlap() {
        Standard old = CATALOGUE.find(StandardVersion.ICSS_2015_2020).orElseThrow();
        Standard current = CATALOGUE.find(StandardVersion.ICSS_2020_2025).orElseThrow();
        List<LocalDate> asked = new ArrayList<>();

        AuditAcceptancePolicy.problems(old, CATALOGUE.all(), LocalDate.of(2018, 3, 1), () -> asked.add(null));
        AuditAcceptancePolicy.problems(old, CATALOGUE.all(), LocalDate.of(2021, 3, 1), () -> asked.add(null));
        AuditAcceptancePolicy.problems(current, CATALOGUE.all(), LocalDate.of(2024, 3, 1), () -> asked.add(null));

        assertThat(asked).isEmpty();
    }

    /** The cut-over is the successor's first accepted date, read from the catalogue: no year is written in code. */
    @Test
    void aVersionAddedLaterBringsItsOwnCutOver() {
        String versions = """
                ICSS:2015-2020,icss-2015-2020.csv,2015-01-01,2020-12-31
                ICSS:2020-2025,icss-2020-2025.csv,2020-01-01,2025-12-31
                ICSS:2025-2030,icss-2020-2025.csv,2025-01-01,
                """;
        StandardsCatalogue later = catalogue(versions);
        Standard current = later.find(StandardVersion.ICSS_2020_2025).orElseThrow();

        assertThat(AuditAcceptancePolicy.problems(current, later.all(), LocalDate.of(2024, 12, 31), () -> false))
                .isEmpty();
        assertThat(AuditAcceptancePolicy.problems(current, later.all(), LocalDate.of(2025, 3, 1), () -> false))
                .containsExactly(Map.entry("standardVersion", "ICSS:2020-2025 is accepted in 2025 only for "
                        + "organisations already certified on it; organisations new to ICSS certify to ICSS:2025-2030"));
        assertThat(AuditAcceptancePolicy.problems(current, later.all(), LocalDate.of(2025, 3, 1), () -> true))
                .isEmpty();
        assertThat(AuditAcceptancePolicy.successor(later.find("ICSS:2025-2030").orElseThrow(), later.all()))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # rule and the boundary it pins                              | version        | audited on | problem
            A date before a closed window names the window's both ends   | ICSS:2015-2020 | 2014-12-31 | ICSS:2015-2020 accepts audits from 2015-01-01 to 2020-12-31
            A date after a closed window names the window's both ends    | ICSS:2015-2020 | 2021-01-01 | ICSS:2015-2020 accepts audits from 2015-01-01 to 2020-12-31
            A date before an open window names its first day only        | ICSS:2020-2025 | 2019-12-31 | ICSS:2020-2025 accepts audits from 2020-01-01
            """)
    void aRejectedDateNamesTheVersionsWindow(String rule, String version, LocalDate auditedOn, String problem) {
        Standard standard = CATALOGUE.find(version).orElseThrow();

        assertThat(AuditAcceptancePolicy.problems(standard, CATALOGUE.all(), auditedOn, () -> true))
                .containsExactly(Map.entry("auditedOn", problem));
    }

    /** How the overlap of ICSS:2020-2025 with a later ICSS:2025-2030 is named, for catalogues that could ship. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # rule and the boundary it pins                                       | 2020-2025 until | 2025-2030 from | audited on | overlap named
            An overlap of exactly one calendar year is named as that year         | 2025-12-31      | 2025-01-01     | 2025-03-01 | in 2025
            An overlap not starting on 1 January is named by its first and last day | 2025-12-31    | 2025-07-01     | 2025-08-01 | from 2025-07-01 to 2025-12-31
            An overlap running into a second year is named by its days            | 2026-12-31      | 2025-01-01     | 2025-03-01 | from 2025-01-01 to 2026-12-31
            An overlap ending before 31 December is named by its days             | 2025-06-30      | 2025-01-01     | 2025-03-01 | from 2025-01-01 to 2025-06-30
            An overlap with no last day is named by its first day only            | ''              | 2025-01-01     | 2025-03-01 | from 2025-01-01
            """)
    void theOverlapIsNamedByItsDates(String rule, String until, LocalDate successorFrom, LocalDate auditedOn,
                                     String overlap) {
        StandardsCatalogue later = catalogue("""
                ICSS:2015-2020,icss-2015-2020.csv,2015-01-01,2020-12-31
                ICSS:2020-2025,icss-2020-2025.csv,2020-01-01,%s
                ICSS:2025-2030,icss-2020-2025.csv,%s,
                """.formatted(until, successorFrom));
        Standard current = later.find(StandardVersion.ICSS_2020_2025).orElseThrow();

        assertThat(AuditAcceptancePolicy.problems(current, later.all(), auditedOn, () -> false))
                .containsExactly(Map.entry("standardVersion", "ICSS:2020-2025 is accepted " + overlap
                        + " only for organisations already certified on it; organisations new to ICSS certify to "
                        + "ICSS:2025-2030"));
    }

    private static StandardsCatalogue catalogue(String versions) {
        return StandardsCatalogue.load(name -> name.equals("versions.csv")
                ? new ByteArrayInputStream(versions.getBytes(StandardCharsets.UTF_8))
                : AuditAcceptancePolicyTest.class.getClassLoader()
                        .getResourceAsStream(StandardsCatalogue.DEFAULT_LOCATION + name));
    }

    /**
     * The timeline of a certificate of the given version, awarded six months before {@code day}, that leaves it in the
     * given status on {@code day}: the award, then (unless ACTIVE) a change to that status the day before.
     */
    private static List<Change> certificateOn(String certificate, LocalDate day) {
        if (certificate.equals("NONE")) {
            return List.of();
        }
        String[] parts = certificate.split(" ");
        CertificateStatus status = CertificateStatus.valueOf(parts[0]);
        StandardVersion version = new StandardVersion(parts[1]);
        LocalDate awardedOn = day.minusMonths(6);
        LocalDate changedOn = day.minusDays(1);
        CertificateNumber number = new CertificateNumber("ICSS-G-" + awardedOn.getYear() + "-0000000001");
        List<Change> timeline = new ArrayList<>();
        timeline.add(new Change.Awarded(number, awardedOn, Tier.GOLD, version, awardedOn.plusYears(3), "a-1"));
        switch (status) {
            case ACTIVE -> {
            }
            case SUSPENDED -> timeline.add(new Change.Suspended(number, changedOn, SuspensionCause.HEALTH_CHECK_FAILED,
                    "hc-1"));
            case WITHDRAWN -> timeline.add(new Change.Withdrawn(number, changedOn));
            case EXPIRED -> timeline.add(new Change.Expired(number, changedOn));
            case SUPERSEDED -> timeline.add(new Change.Superseded(number, changedOn,
                    new CertificateNumber("ICSS-G-" + changedOn.getYear() + "-0000000002")));
        }
        return timeline;
    }
}
