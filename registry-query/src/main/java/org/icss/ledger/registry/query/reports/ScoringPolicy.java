package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.Attribute;
import org.icss.ledger.events.Perspective;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scoring of one audit: the mean score of each perspective and overall, the change of each attribute since another
 * audit, and the gap between management's expectation and delivery. Means are arithmetic means of attribute scores
 * (the overall mean is over all attributes, not a mean of the perspective means), rounded to 2 decimals.
 */
public final class ScoringPolicy {

    private ScoringPolicy() {
    }

    /** The mean of the values, rounded to 2 decimals; null for none. */
    public static Double mean(Collection<Integer> values) {
        if (values.isEmpty()) {
            return null;
        }
        long sum = 0;
        for (int value : values) {
            sum += value;
        }
        return round((double) sum / values.size(), 2);
    }

    public static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        return Math.round(value * factor) / factor;
    }

    /** The overall mean of every scored attribute; null when nothing is scored. */
    public static Double overallMean(Map<String, Integer> scores) {
        return mean(scores.values());
    }

    /**
     * The mean of each perspective over the attributes of {@code attributes} that are scored, in the perspectives'
     * order; a perspective with no scored attribute is left out.
     */
    public static Map<Perspective, Double> perspectiveMeans(Map<String, Integer> scores, List<Attribute> attributes) {
        Map<Perspective, List<Integer>> byPerspective = new LinkedHashMap<>();
        for (Perspective perspective : Perspective.values()) {
            byPerspective.put(perspective, new java.util.ArrayList<>());
        }
        for (Attribute attribute : attributes) {
            Integer score = scores.get(attribute.code().code());
            if (score != null) {
                byPerspective.get(attribute.perspective()).add(score);
            }
        }
        Map<Perspective, Double> means = new LinkedHashMap<>();
        byPerspective.forEach((perspective, values) -> {
            if (!values.isEmpty()) {
                means.put(perspective, mean(values));
            }
        });
        return means;
    }

    /** Current minus previous score, for each attribute scored in both (by code). */
    public static Map<String, Integer> changes(Map<String, Integer> current, Map<String, Integer> previous) {
        Map<String, Integer> changes = new TreeMap<>();
        current.forEach((code, score) -> {
            Integer before = previous.get(code);
            if (before != null) {
                changes.put(code, score - before);
            }
        });
        return changes;
    }

    /**
     * Delivery minus expectation, for each attribute with an expected score: negative where delivery falls short of
     * what management expected, positive where it exceeds it.
     */
    public static Map<String, Integer> expectationGaps(Map<String, Integer> scores, Map<String, Integer> expected) {
        Map<String, Integer> gaps = new TreeMap<>();
        expected.forEach((code, expectation) -> {
            Integer delivered = scores.get(code);
            if (delivered != null) {
                gaps.put(code, delivered - expectation);
            }
        });
        return gaps;
    }

    /** Difference of two means, rounded to 2 decimals; null if either is missing. */
    public static Double change(Double current, Double previous) {
        return current == null || previous == null ? null : round(current - previous, 2);
    }
}
