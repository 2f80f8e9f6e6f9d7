package org.icss.ledger.registry.query.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The risks of an audit: attributes that put Gold (or its renewal) at risk or show a slide. An attribute is a risk
 * when its score is below the Gold threshold ({@code goldThreshold}, 6), when it fell by {@code fallOf} (2) or more
 * since the previous audit, or when delivery falls short of management's expectation by {@code shortfallOf} (2) or
 * more. Each risk names every reason that applies. Most reasons first, then lowest score, then attribute code.
 */
public final class RiskPolicy {

    public enum Kind { BELOW_GOLD, FELL_SINCE_LAST_AUDIT, SHORT_OF_EXPECTATION }

    /**
     * @param change   score change since the previous audit, when that audit scored the attribute
     * @param expected management's expected score, when given
     */
    public record Risk(String attribute, int score, List<Kind> kinds, Integer change, Integer expected) {
    }

    private final int goldThreshold;
    private final int fallOf;
    private final int shortfallOf;

    public RiskPolicy(int goldThreshold, int fallOf, int shortfallOf) {
        this.goldThreshold = goldThreshold;
        this.fallOf = fallOf;
        this.shortfallOf = shortfallOf;
    }

    public List<Risk> risks(Map<String, Integer> scores, Map<String, Integer> previous,
                            Map<String, Integer> expected) {
        List<Risk> risks = new ArrayList<>();
        new TreeMap<>(scores).forEach((code, score) -> {
            Integer before = previous.get(code);
            Integer change = before == null ? null : score - before;
            Integer expectation = expected.get(code);
            List<Kind> kinds = new ArrayList<>();
            if (score < goldThreshold) {
                kinds.add(Kind.BELOW_GOLD);
            }
            if (change != null && change <= -fallOf) {
                kinds.add(Kind.FELL_SINCE_LAST_AUDIT);
            }
            if (expectation != null && expectation - score >= shortfallOf) {
                kinds.add(Kind.SHORT_OF_EXPECTATION);
            }
            if (!kinds.isEmpty()) {
                risks.add(new Risk(code, score, List.copyOf(kinds), change, expectation));
            }
        });
        risks.sort(Comparator.comparingInt((Risk risk) -> -risk.kinds().size()).thenComparingInt(Risk::score)
                .thenComparing(Risk::attribute));
        return risks;
    }
}
