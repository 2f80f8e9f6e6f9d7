package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.Attribute;
import org.icss.ledger.events.Perspective;
import org.icss.ledger.registry.query.reports.BenchmarkPolicy.Benchmark;
import org.icss.ledger.registry.query.reports.BenchmarkPolicy.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Percentile ranks, medians and the group-of-5 rule. */
class BenchmarkPolicyTest {

    private static final List<Attribute> ATTRIBUTES = List.of(
            ScoringPolicyTest.attribute("SRV-01", Perspective.SERVICE),
            ScoringPolicyTest.attribute("OPS-01", Perspective.OPERATIONAL));

    private final BenchmarkPolicy policy = new BenchmarkPolicy(5);

    @ParameterizedTest(name = "{0} among [{1}] is at {2}")
    @CsvSource({
            // value, group (the value itself included), percentile rank
            "9.0, 9.0 8.0 7.0 6.0 5.0,      90.0",
            "5.0, 9.0 8.0 7.0 6.0 5.0,      10.0",
            "7.0, 9.0 8.0 7.0 6.0 5.0,      50.0",
            "7.0, 7.0 7.0 7.0 7.0 7.0,      50.0",
            "8.0, 8.0 8.0 6.0 6.0 6.0,      80.0",
            "6.0, 8.0 8.0 6.0 6.0 6.0,      30.0",
            "7.5, 7.5 7.2 6.1 6.1 8.8 9.0,  58.3",
            "6.0, 6.0,                      50.0"})
    void percentileRankCountsLowerValuesAndHalfOfTheTies(double value, String group, double percentile) {
        List<Double> values = Arrays.stream(group.split(" ")).map(Double::valueOf).toList();

        assertThat(BenchmarkPolicy.percentileRank(value, values)).isEqualTo(percentile);
    }

    @ParameterizedTest(name = "median of [{0}] is {1}")
    @CsvSource({
            "7,           7.0",
            "9 7 8,       8.0",
            "6 9 7 8,     7.5",
            "5 5 10 10,   7.5",
            "3 8 8 8 1,   8.0"})
    void median(String values, double median) {
        assertThat(BenchmarkPolicy.median(Arrays.stream(values.split(" ")).map(Integer::valueOf).toList()))
                .isEqualTo(median);
    }

    @ParameterizedTest(name = "{0} organisations in the group: shown {1}")
    @CsvSource({"1, false", "2, false", "4, false", "5, true", "6, true", "12, true"})
    void aGroupOfFewerThanFiveOrganisationsIsNotShown(int organisations, boolean shown) {
        Participant self = participant("self", "AU", "CSIAU", 7, 7);
        List<Participant> peers = new ArrayList<>();
        for (int i = 1; i < organisations; i++) {
            peers.add(participant("peer-" + i, "AU", "CSIAU", 5 + i % 5, 6));
        }

        List<Benchmark> benchmarks = policy.benchmarks(self, peers, ATTRIBUTES, "ICSS:2020-2025");

        assertThat(benchmarks).extracting(Benchmark::group).containsExactly(Group.ALL, Group.COUNTRY,
                Group.MEMBER_BODY);
        assertThat(benchmarks).allSatisfy(benchmark -> {
            assertThat(benchmark.organisations()).isEqualTo(organisations);
            assertThat(benchmark.shown()).isEqualTo(shown);
            if (shown) {
                assertThat(benchmark.overallPercentile()).isNotNull();
                assertThat(benchmark.withheldReason()).isNull();
            } else {
                assertThat(benchmark.overallPercentile()).isNull();
                assertThat(benchmark.perspectivePercentiles()).isEmpty();
                assertThat(benchmark.withheldReason()).contains("fewer than 5 organisations (" + organisations + ")");
            }
        });
        assertThat(policy.peerMedians(self, peers).isEmpty()).isEqualTo(!shown);
        assertThat(policy.minGroupSize()).isEqualTo(5);
    }

    @Test
    void groupsByCountryAndMemberBodyCountOnlyTheirOwnOrganisationsAndSelfIsNeverItsOwnPeer() {
        Participant self = participant("self", "AU", "CSIAU", 8, 6);
        List<Participant> peers = List.of(
                self,
                participant("au-1", "AU", "CSIAU", 9, 9),
                participant("au-2", "AU", "CSIAU", 7, 7),
                participant("au-3", "AU", "APCSC", 6, 6),
                participant("au-4", "AU", "CSIAU", 5, 5),
                participant("hk-1", "HK", "CSIAU", 4, 4),
                participant("hk-2", "HK", "HKCSC", 10, 10));

        List<Benchmark> benchmarks = policy.benchmarks(self, peers, ATTRIBUTES, "ICSS:2020-2025");

        // overall means: self 7.0; all: 9, 7, 6, 5, 4, 10 -> lower 3 (6, 5, 4), equal 2 (self, au-2) of 7
        assertThat(benchmarks.get(0)).satisfies(all -> {
            assertThat(all.scope()).isEqualTo("ICSS:2020-2025");
            assertThat(all.organisations()).isEqualTo(7);
            assertThat(all.overallPercentile()).isEqualTo(57.1);
            // Service: self 8 among 9, 7, 6, 5, 4, 10 -> lower 4, equal 1 of 7
            assertThat(all.perspectivePercentiles()).containsEntry(Perspective.SERVICE, 64.3)
                    .containsEntry(Perspective.OPERATIONAL, 42.9);
            // a perspective without a scored attribute has no percentile (not a percentile of 0)
            assertThat(all.perspectivePercentiles()).containsOnlyKeys(Perspective.SERVICE, Perspective.OPERATIONAL);
        });
        // country AU: self, au-1..au-4: 5 organisations; means 7, 9, 7, 6, 5 -> lower 2, equal 2 of 5
        assertThat(benchmarks.get(1)).satisfies(country -> {
            assertThat(country.scope()).isEqualTo("AU");
            assertThat(country.organisations()).isEqualTo(5);
            assertThat(country.overallPercentile()).isEqualTo(60.0);
        });
        // member body CSIAU: self, au-1, au-2, au-4, hk-1: 5 organisations; means 7, 9, 7, 5, 4 -> 60
        assertThat(benchmarks.get(2)).satisfies(body -> {
            assertThat(body.scope()).isEqualTo("CSIAU");
            assertThat(body.organisations()).isEqualTo(5);
            assertThat(body.overallPercentile()).isEqualTo(60.0);
        });
        // peer medians: of the 6 others only; SRV-01: 4 5 6 7 9 10 -> 6.5
        assertThat(policy.peerMedians(self, peers)).containsEntry("SRV-01", 6.5).containsEntry("OPS-01", 6.5);
    }

    @Test
    void aSmallCountryIsWithheldWhileTheWholeVersionIsShown() {
        Participant self = participant("self", "SG", "APCSC", 8, 8);
        List<Participant> peers = List.of(participant("sg-1", "SG", "APCSC", 7, 7),
                participant("au-1", "AU", "CSIAU", 6, 6), participant("au-2", "AU", "CSIAU", 6, 6),
                participant("au-3", "AU", "CSIAU", 6, 6), participant("au-4", "AU", "CSIAU", 6, 6));

        List<Benchmark> benchmarks = policy.benchmarks(self, peers, ATTRIBUTES, "ICSS:2020-2025");

        assertThat(benchmarks).extracting(Benchmark::shown).containsExactly(true, false, false);
        assertThat(benchmarks.get(0).overallPercentile()).isEqualTo(91.7);
        assertThat(benchmarks.get(1).withheldReason()).contains("(2)");
    }

    private static Participant participant(String id, String country, String body, int service, int operational) {
        return new Participant(id, country, body, Map.of("SRV-01", service, "OPS-01", operational));
    }
}
