package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.Attribute;
import org.icss.ledger.events.Perspective;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Benchmarks of one audit among the latest audits of the organisations on the same standard version: overall and per
 * perspective, in three groups: all of them, those in the organisation's country, and those certified by its member
 * body.
 * <p>
 * <b>Percentile</b> (percentile rank, mid-rank for ties): the share of the group's organisations whose mean is lower,
 * plus half the share whose mean is equal (the organisation itself included), times 100, rounded to 1 decimal:
 * {@code (lower + 0.5 * equal) / n * 100}. The best of 5 distinct means is at 90, the lowest at 10, the middle at 50.
 * <p>
 * <b>Group of {@code minGroupSize} (5)</b>: a group of fewer organisations (the organisation itself included) is not
 * shown, with the reason, so that no single competitor's scores can be read off it; nor are peer medians of such a
 * group given.
 */
public final class BenchmarkPolicy {

    public enum Group { ALL, COUNTRY, MEMBER_BODY }

    /**
     * @param scope          what the group has in common: the standard version, the country or the member body
     * @param organisations  how many organisations the group has, the organisation itself included
     * @param withheldReason why the group is not shown, when it is not
     */
    public record Benchmark(Group group, String scope, int organisations, boolean shown, String withheldReason,
                            Double overallPercentile, Map<Perspective, Double> perspectivePercentiles) {
    }

    private final int minGroupSize;

    public BenchmarkPolicy(int minGroupSize) {
        this.minGroupSize = minGroupSize;
    }

    public int minGroupSize() {
        return minGroupSize;
    }

    /**
     * @param self       the organisation with the audit reported on
     * @param peers      the other organisations' latest audits on {@code version}; the organisation itself is ignored
     * @param attributes the attributes of {@code version}, for the perspectives
     */
    public List<Benchmark> benchmarks(Participant self, List<Participant> peers, List<Attribute> attributes,
                                      String version) {
        List<Participant> others = peers.stream().filter(p -> !p.organisationId().equals(self.organisationId()))
                .toList();
        List<Benchmark> benchmarks = new ArrayList<>();
        benchmarks.add(benchmark(Group.ALL, version, self, others, attributes));
        benchmarks.add(benchmark(Group.COUNTRY, self.country(), self,
                others.stream().filter(p -> p.country().equals(self.country())).toList(), attributes));
        benchmarks.add(benchmark(Group.MEMBER_BODY, self.memberBody(), self,
                others.stream().filter(p -> p.memberBody().equals(self.memberBody())).toList(), attributes));
        return benchmarks;
    }

    /** The median score of each attribute among the peers, or nothing when the group is too small to show. */
    public Map<String, Double> peerMedians(Participant self, List<Participant> peers) {
        List<Participant> others = peers.stream().filter(p -> !p.organisationId().equals(self.organisationId()))
                .toList();
        if (others.size() + 1 < minGroupSize) {
            return Map.of();
        }
        Map<String, List<Integer>> byAttribute = new TreeMap<>();
        for (Participant peer : others) {
            peer.scores().forEach((code, score) -> byAttribute.computeIfAbsent(code, c -> new ArrayList<>())
                    .add(score));
        }
        Map<String, Double> medians = new TreeMap<>();
        byAttribute.forEach((code, values) -> medians.put(code, median(values)));
        return medians;
    }

    private Benchmark benchmark(Group group, String scope, Participant self, List<Participant> others,
                                List<Attribute> attributes) {
        int size = others.size() + 1;
        if (size < minGroupSize) {
            return new Benchmark(group, scope, size, false, "fewer than " + minGroupSize + " organisations ("
                    + size + ") in this group: not shown, so that no single organisation's scores can be read off it",
                    null, Map.of());
        }
        List<Participant> everyone = new ArrayList<>(others);
        everyone.add(self);
        Double overall = percentileOf(self, everyone, p -> ScoringPolicy.overallMean(p.scores()));
        Map<Perspective, Double> perspectives = new LinkedHashMap<>();
        for (Perspective perspective : Perspective.values()) {
            Double rank = percentileOf(self, everyone,
                    p -> ScoringPolicy.perspectiveMeans(p.scores(), attributes).get(perspective));
            if (rank != null) {
                perspectives.put(perspective, rank);
            }
        }
        return new Benchmark(group, scope, size, true, null, overall, perspectives);
    }

    private static Double percentileOf(Participant self, List<Participant> everyone,
                                       Function<Participant, Double> measure) {
        Double own = measure.apply(self);
        if (own == null) {
            return null;
        }
        List<Double> values = new ArrayList<>();
        for (Participant participant : everyone) {
            Double value = measure.apply(participant);
            if (value != null) {
                values.add(value);
            }
        }
        return percentileRank(own, values);
    }

    /** {@code (lower + 0.5 * equal) / n * 100}, rounded to 1 decimal; {@code group} includes {@code value}. */
    public static double percentileRank(double value, List<Double> group) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("a percentile needs a group with the value in it");
        }
        int lower = 0;
        int equal = 0;
        for (double other : group) {
            if (other < value) {
                lower++;
            } else if (other == value) {
                equal++;
            }
        }
        return ScoringPolicy.round((lower + 0.5 * equal) / group.size() * 100, 1);
    }

    /** The median: the middle value, or the mean of the two middle values. */
    public static double median(List<Integer> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Integer> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }
}
