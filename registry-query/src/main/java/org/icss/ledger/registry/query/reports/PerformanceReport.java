package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.Perspective;
import org.icss.ledger.registry.query.reports.BenchmarkPolicy.Benchmark;
import org.icss.ledger.registry.query.reports.OpportunityPolicy.Opportunity;
import org.icss.ledger.registry.query.reports.RiskPolicy.Risk;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An organisation's ICSS performance report for one audit: scores by attribute and perspective, change since the
 * previous audit, risks and opportunities, the gap between management's expectation and delivery, benchmarks among
 * its peers, and the trend across its audits up to this one. Private: for the certifying member body and compliance
 * staff only.
 *
 * @param previousAudit  the organisation's audit before this one, if any
 * @param overallChange  the overall mean minus the previous audit's, if any
 * @param trend          every audit of the organisation up to and including this one, oldest first
 */
public record PerformanceReport(
        OrganisationInfo organisation,
        AuditSummary audit,
        AuditSummary previousAudit,
        Double overallMean,
        Double overallChange,
        List<PerspectiveScore> perspectives,
        List<AttributeScore> attributes,
        List<Risk> risks,
        List<Opportunity> opportunities,
        List<ExpectationGap> expectationGaps,
        List<Benchmark> benchmarks,
        List<TrendPoint> trend,
        Rules rules) {

    public record OrganisationInfo(String organisationId, String name, String country, String memberBody) {
    }

    public record AuditSummary(String auditId, LocalDate auditedOn, String standardVersion, AuditType auditType,
                               String auditor) {
    }

    public record PerspectiveScore(Perspective perspective, String title, Double mean, Double previousMean,
                                   Double change) {
    }

    /**
     * @param change   score minus the previous audit's score of the same attribute code, when it had one
     * @param expected management's expected score, when given
     * @param gap      delivered minus expected, when an expected score was given
     */
    public record AttributeScore(String code, String name, Perspective perspective, int score, Integer previousScore,
                                 Integer change, Integer expected, Integer gap) {
    }

    /** @param gap delivered minus expected: negative where delivery falls short */
    public record ExpectationGap(String code, Perspective perspective, int expected, int delivered, int gap) {
    }

    public record TrendPoint(String auditId, LocalDate auditedOn, AuditType auditType, String standardVersion,
                             Double overallMean, Map<Perspective, Double> perspectiveMeans,
                             Map<String, Integer> scores) {
    }

    /** The thresholds this report was computed with, and how its percentiles are defined. */
    public record Rules(int goldThreshold, int riskFallOf, int riskShortfallOf, int peerOpportunities,
                        int minBenchmarkGroup, String percentile) {
    }
}
