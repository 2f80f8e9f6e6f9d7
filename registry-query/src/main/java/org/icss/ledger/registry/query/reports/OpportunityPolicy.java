package org.icss.ledger.registry.query.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The opportunities of an audit: where improvement pays most.
 * <ul>
 *     <li>{@code TRAILS_PEER_MEDIAN}: the {@code peerCount} (3) attributes where the organisation's score is furthest
 *     below the median of its peers (the other organisations' latest audits on the same version), only when that
 *     benchmark group is large enough to be shown (otherwise there are no peer medians);</li>
 *     <li>{@code ONE_SHORT_OF_GOLD}: attributes scored exactly one point below the Gold threshold.</li>
 * </ul>
 * An attribute for which both hold is listed once with both kinds. Peer gaps first (largest first, then code), then
 * the remaining one-short attributes by code.
 */
public final class OpportunityPolicy {

    public enum Kind { TRAILS_PEER_MEDIAN, ONE_SHORT_OF_GOLD }

    /**
     * @param peerMedian       the peers' median score of the attribute, when peers are shown
     * @param behindPeerMedian how far the score is below that median, when it is
     */
    public record Opportunity(String attribute, int score, List<Kind> kinds, Double peerMedian,
                              Double behindPeerMedian) {
    }

    private final int goldThreshold;
    private final int peerCount;

    public OpportunityPolicy(int goldThreshold, int peerCount) {
        this.goldThreshold = goldThreshold;
        this.peerCount = peerCount;
    }

    /** @param peerMedians the peers' median per attribute; empty when the peer group is not shown */
    public List<Opportunity> opportunities(Map<String, Integer> scores, Map<String, Double> peerMedians) {
        List<String> trailing = new ArrayList<>();
        new TreeMap<>(scores).forEach((code, score) -> {
            Double median = peerMedians.get(code);
            if (median != null && median - score > 0) {
                trailing.add(code);
            }
        });
        // equal gaps stay in code order: trailing is filled in code order (a TreeMap) and List.sort is stable
        trailing.sort(Comparator.comparingDouble(code -> -(peerMedians.get(code) - scores.get(code))));
        Map<String, List<Kind>> kinds = new LinkedHashMap<>();
        trailing.stream().limit(peerCount).forEach(code -> kinds.computeIfAbsent(code, c -> new ArrayList<>())
                .add(Kind.TRAILS_PEER_MEDIAN));
        new TreeMap<>(scores).forEach((code, score) -> {
            if (score == goldThreshold - 1) {
                kinds.computeIfAbsent(code, c -> new ArrayList<>()).add(Kind.ONE_SHORT_OF_GOLD);
            }
        });
        List<Opportunity> opportunities = new ArrayList<>();
        kinds.forEach((code, list) -> {
            int score = scores.get(code);
            Double median = peerMedians.get(code);
            Double behind = median != null && median > score ? ScoringPolicy.round(median - score, 2) : null;
            opportunities.add(new Opportunity(code, score, List.copyOf(list), median, behind));
        });
        return opportunities;
    }
}
