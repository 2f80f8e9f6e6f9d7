package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.Perspective;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.registry.query.reports.BenchmarkPolicy.Benchmark;
import org.icss.ledger.registry.query.reports.PerformanceReport.ExpectationGap;
import org.icss.ledger.registry.query.reports.PerformanceReport.OrganisationInfo;
import org.icss.ledger.registry.query.reports.PerformanceReport.PerspectiveScore;
import org.icss.ledger.registry.query.reports.PerformanceReport.TrendPoint;
import org.icss.ledger.registry.query.reports.RiskPolicy.Risk;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.icss.ledger.registry.query.reports.ReportHistories.SUBJECT;

/** The whole report of the sample's subject, put together from its audits and its peers', without a database. */
class PerformanceReportPolicyTest {

    static final PerformanceReportPolicy POLICY = new PerformanceReportPolicy(StandardsCatalogue.shipped(), 6, 2, 2,
            3, 5);

    @Test
    void theLatestAuditByDefaultWithItsPreviousAuditAndTheTrendUpToIt() {
        PerformanceReport report = reportOf(null);

        assertThat(report.audit().auditId()).isEqualTo("h-2025");
        assertThat(report.previousAudit().auditId()).isEqualTo("h-2023");
        assertThat(report.trend()).extracting(TrendPoint::auditId)
                .containsExactly("h-2019", "h-2021", "h-2023", "h-2025");
        assertThat(report.trend()).extracting(TrendPoint::overallMean).containsExactly(6.04, 6.96, 8.04, 7.68);
        assertThat(report.overallMean()).isEqualTo(7.68);
        assertThat(report.overallChange()).isEqualTo(-0.36);
        assertThat(report.perspectives()).extracting(PerspectiveScore::perspective, PerspectiveScore::mean,
                PerspectiveScore::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Perspective.SERVICE, 7.57, -0.43),
                org.assertj.core.groups.Tuple.tuple(Perspective.FINANCIAL_GOVERNANCE, 7.8, -0.4),
                org.assertj.core.groups.Tuple.tuple(Perspective.OPERATIONAL, 7.57, -0.43),
                org.assertj.core.groups.Tuple.tuple(Perspective.LEARNING_AND_GROWTH, 7.83, -0.17));
        assertThat(report.attributes()).hasSize(25);
    }

    @Test
    void risksOpportunitiesAndTheExpectationGap() {
        PerformanceReport report = reportOf(null);

        assertThat(report.risks()).extracting(Risk::attribute).containsExactly("SRV-03", "OPS-05", "LRN-04",
                "FIN-02");
        assertThat(report.risks().get(0).kinds()).containsExactly(RiskPolicy.Kind.BELOW_GOLD,
                RiskPolicy.Kind.FELL_SINCE_LAST_AUDIT, RiskPolicy.Kind.SHORT_OF_EXPECTATION);
        assertThat(report.opportunities()).extracting(o -> o.attribute() + " " + o.kinds() + " " + o.peerMedian())
                .containsExactly("LRN-04 [TRAILS_PEER_MEDIAN] 9.0",
                        "OPS-05 [TRAILS_PEER_MEDIAN, ONE_SHORT_OF_GOLD] 8.0",
                        "SRV-03 [TRAILS_PEER_MEDIAN, ONE_SHORT_OF_GOLD] 8.0");
        assertThat(report.expectationGaps()).extracting(ExpectationGap::code, ExpectationGap::gap).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SRV-03", -3), org.assertj.core.groups.Tuple.tuple("FIN-02", -1),
                org.assertj.core.groups.Tuple.tuple("LRN-01", 1), org.assertj.core.groups.Tuple.tuple("LRN-04", -3));
    }

    @Test
    void benchmarksAmongTheLatestAuditsUpToTheAuditDate() {
        PerformanceReport report = reportOf(null);

        // 8 on ICSS:2020-2025 by 2025-03-10 (Late Starter Bank audited later); means below 7.68: 7.08 and 6.12
        assertThat(report.benchmarks()).extracting(Benchmark::group, Benchmark::organisations, Benchmark::shown,
                Benchmark::overallPercentile).containsExactly(
                org.assertj.core.groups.Tuple.tuple(BenchmarkPolicy.Group.ALL, 8, true, 31.3),
                org.assertj.core.groups.Tuple.tuple(BenchmarkPolicy.Group.COUNTRY, 7, true, 35.7),
                org.assertj.core.groups.Tuple.tuple(BenchmarkPolicy.Group.MEMBER_BODY, 7, true, 35.7));
    }

    @Test
    void anEarlierAuditHasItsOwnPreviousTrendAndNoExpectations() {
        PerformanceReport report = reportOf("h-2021");

        assertThat(report.audit().standardVersion()).isEqualTo("ICSS:2020-2025");
        assertThat(report.previousAudit().standardVersion()).isEqualTo("ICSS:2015-2020");
        assertThat(report.trend()).extracting(TrendPoint::auditId).containsExactly("h-2019", "h-2021");
        assertThat(report.expectationGaps()).isEmpty();
        // no other organisation audited on ICSS:2020-2025 by 2021-03-08: every group too small, no peer medians
        assertThat(report.benchmarks()).allSatisfy(b -> assertThat(b.shown()).isFalse());
        assertThat(report.opportunities()).isEmpty();
        assertThat(report.risks()).isEmpty();
    }

    @Test
    void theFirstAuditHasNoPreviousAuditAndNoChanges() {
        PerformanceReport report = reportOf("h-2019");

        assertThat(report.previousAudit()).isNull();
        assertThat(report.overallChange()).isNull();
        assertThat(report.attributes()).allSatisfy(a -> assertThat(a.change()).isNull());
    }

    /** The report as the reader would build it, from the sample's events. */
    static PerformanceReport reportOf(String auditId) {
        List<LedgerEvent> events = ReportHistories.sample();
        Map<String, OrganisationRegistered> organisations = new java.util.HashMap<>();
        List<AuditScored> audits = new java.util.ArrayList<>();
        for (LedgerEvent event : events) {
            if (event instanceof OrganisationRegistered r) {
                organisations.put(r.organisationId().value(), r);
            } else if (event instanceof AuditScored a) {
                audits.add(a);
            }
        }
        List<AuditScores> own = audits.stream().filter(a -> a.organisationId().value().equals(SUBJECT))
                .map(PerformanceReportPolicyTest::scores).toList();
        AuditScores audit = PerformanceReportPolicy.select(own, auditId).orElseThrow();
        List<Participant> peers = audits.stream()
                .filter(a -> !a.organisationId().value().equals(SUBJECT))
                .filter(a -> a.standardVersion().equals(audit.standardVersion()))
                .filter(a -> !a.effectiveOn().isAfter(audit.auditedOn()))
                .sorted(Comparator.comparing(AuditScored::effectiveOn))
                .collect(java.util.stream.Collectors.toMap(a -> a.organisationId().value(), a -> a, (x, y) -> y))
                .values().stream().map(a -> {
                    OrganisationRegistered r = organisations.get(a.organisationId().value());
                    return new Participant(r.organisationId().value(), r.country(), r.memberBody().name(),
                            a.scores());
                }).toList();
        OrganisationRegistered subject = organisations.get(SUBJECT);
        return POLICY.report(new OrganisationInfo(SUBJECT, subject.name(), subject.country(),
                subject.memberBody().name()), own, audit, peers);
    }

    static AuditScores scores(AuditScored a) {
        return new AuditScores(a.auditId(), a.effectiveOn(), a.recordedAt(), a.standardVersion(), a.auditType(),
                a.auditor(), a.scores(), a.expectedScores());
    }

    static LocalDate date(String text) {
        return LocalDate.parse(text);
    }
}
