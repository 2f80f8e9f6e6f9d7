package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.Attribute;
import org.icss.ledger.events.Perspective;
import org.icss.ledger.events.Standard;
import org.icss.ledger.events.StandardsCatalogue;
import org.icss.ledger.registry.query.reports.PerformanceReport.AttributeScore;
import org.icss.ledger.registry.query.reports.PerformanceReport.AuditSummary;
import org.icss.ledger.registry.query.reports.PerformanceReport.ExpectationGap;
import org.icss.ledger.registry.query.reports.PerformanceReport.OrganisationInfo;
import org.icss.ledger.registry.query.reports.PerformanceReport.PerspectiveScore;
import org.icss.ledger.registry.query.reports.PerformanceReport.TrendPoint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts a performance report together from an organisation's audits and its peers' latest audits, with
 * {@link ScoringPolicy}, {@link RiskPolicy}, {@link OpportunityPolicy} and {@link BenchmarkPolicy}. Pure: the reader
 * gives it the data.
 */
public final class PerformanceReportPolicy {

    /** Audits in the order they happened: business date, then the instant recorded, then id. */
    public static final Comparator<AuditScores> AUDIT_ORDER = Comparator.comparing(AuditScores::auditedOn)
            .thenComparing(AuditScores::recordedAt).thenComparing(AuditScores::auditId);

    public static final String PERCENTILE_DEFINITION = "percentile rank: (organisations with a lower mean + half of "
            + "those with an equal mean, itself included) / organisations in the group x 100";

    private final StandardsCatalogue catalogue;
    private final RiskPolicy risks;
    private final OpportunityPolicy opportunities;
    private final BenchmarkPolicy benchmarks;
    private final PerformanceReport.Rules rules;

    public PerformanceReportPolicy(StandardsCatalogue catalogue, int goldThreshold, int riskFallOf,
                                   int riskShortfallOf, int peerOpportunities, int minBenchmarkGroup) {
        this.catalogue = catalogue;
        this.risks = new RiskPolicy(goldThreshold, riskFallOf, riskShortfallOf);
        this.opportunities = new OpportunityPolicy(goldThreshold, peerOpportunities);
        this.benchmarks = new BenchmarkPolicy(minBenchmarkGroup);
        this.rules = new PerformanceReport.Rules(goldThreshold, riskFallOf, riskShortfallOf, peerOpportunities,
                minBenchmarkGroup, PERCENTILE_DEFINITION);
    }

    /** The audit a report is about: the one named, or else the latest. */
    public static Optional<AuditScores> select(List<AuditScores> audits, String auditId) {
        if (auditId != null) {
            return audits.stream().filter(a -> a.auditId().equals(auditId)).findFirst();
        }
        return audits.stream().max(AUDIT_ORDER);
    }

    /**
     * @param audits every audit of the organisation (not withdrawn), in any order; it must include {@code audit}
     * @param peers  the latest audits of the other organisations on the audit's version, up to the audit's date
     */
    public PerformanceReport report(OrganisationInfo organisation, List<AuditScores> audits, AuditScores audit,
                                    List<Participant> peers) {
        List<AuditScores> history = audits.stream().filter(a -> AUDIT_ORDER.compare(a, audit) <= 0)
                .sorted(AUDIT_ORDER).toList();
        AuditScores previous = history.size() > 1 ? history.get(history.size() - 2) : null;
        List<Attribute> attributes = attributesOf(audit);
        Map<String, Integer> scores = audit.scores();
        Map<String, Integer> previousScores = previous == null ? Map.of() : previous.scores();

        Double overall = ScoringPolicy.overallMean(scores);
        Double previousOverall = previous == null ? null : ScoringPolicy.overallMean(previousScores);
        Map<Perspective, Double> means = ScoringPolicy.perspectiveMeans(scores, attributes);
        Map<Perspective, Double> previousMeans = previous == null ? Map.of()
                : ScoringPolicy.perspectiveMeans(previousScores, attributesOf(previous));
        List<PerspectiveScore> perspectives = new ArrayList<>();
        means.forEach((perspective, mean) -> perspectives.add(new PerspectiveScore(perspective, perspective.title(),
                mean, previousMeans.get(perspective), ScoringPolicy.change(mean, previousMeans.get(perspective)))));

        Map<String, Integer> changes = ScoringPolicy.changes(scores, previousScores);
        Map<String, Integer> gaps = ScoringPolicy.expectationGaps(scores, audit.expectedScores());
        List<AttributeScore> attributeScores = new ArrayList<>();
        List<ExpectationGap> expectationGaps = new ArrayList<>();
        for (Attribute attribute : attributes) {
            String code = attribute.code().code();
            Integer score = scores.get(code);
            if (score == null) {
                continue;
            }
            Integer expected = audit.expectedScores().get(code);
            attributeScores.add(new AttributeScore(code, attribute.name(), attribute.perspective(), score,
                    previousScores.get(code), changes.get(code), expected, gaps.get(code)));
            if (expected != null) {
                expectationGaps.add(new ExpectationGap(code, attribute.perspective(), expected, score,
                        gaps.get(code)));
            }
        }

        Participant self = new Participant(organisation.organisationId(), organisation.country(),
                organisation.memberBody(), scores);
        String version = audit.standardVersion().code();
        List<TrendPoint> trend = history.stream().map(a -> new TrendPoint(a.auditId(), a.auditedOn(), a.auditType(),
                a.standardVersion().code(), ScoringPolicy.overallMean(a.scores()),
                ScoringPolicy.perspectiveMeans(a.scores(), attributesOf(a)), a.scores())).toList();

        return new PerformanceReport(organisation, summary(audit), previous == null ? null : summary(previous),
                overall, ScoringPolicy.change(overall, previousOverall), perspectives, attributeScores,
                risks.risks(scores, previousScores, audit.expectedScores()),
                opportunities.opportunities(scores, benchmarks.peerMedians(self, peers)), expectationGaps,
                benchmarks.benchmarks(self, peers, attributes, version), trend, rules);
    }

    private List<Attribute> attributesOf(AuditScores audit) {
        return catalogue.find(audit.standardVersion()).map(Standard::attributes).orElse(List.of());
    }

    private static AuditSummary summary(AuditScores audit) {
        return new AuditSummary(audit.auditId(), audit.auditedOn(), audit.standardVersion().code(),
                audit.auditType(), audit.auditor());
    }
}
