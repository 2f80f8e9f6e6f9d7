package org.icss.ledger.registry.query.reports;

import org.icss.ledger.events.Attribute;
import org.icss.ledger.events.AttributeCode;
import org.icss.ledger.events.Perspective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ScoringPolicyTest {

    private static final List<Attribute> ATTRIBUTES = List.of(
            attribute("SRV-01", Perspective.SERVICE), attribute("SRV-02", Perspective.SERVICE),
            attribute("FIN-01", Perspective.FINANCIAL_GOVERNANCE), attribute("OPS-01", Perspective.OPERATIONAL),
            attribute("OPS-02", Perspective.OPERATIONAL), attribute("OPS-03", Perspective.OPERATIONAL));

    @ParameterizedTest(name = "mean of {0} is {1}")
    @CsvSource({
            "7,                 7.0",
            "6 7,               6.5",
            "6 7 7,             6.67",
            "0 10,              5.0",
            "1 1 2,             1.33",
            "10 10 10 10 9,     9.8"})
    void theMeanIsRoundedToTwoDecimals(String values, double mean) {
        assertThat(ScoringPolicy.mean(Arrays.stream(values.split(" ")).map(Integer::valueOf).toList()))
                .isEqualTo(mean);
    }

    @Test
    void theMeanOfNoValuesIsNoneNotZero() {
        assertThat(ScoringPolicy.mean(List.of())).isNull();
    }

    static Stream<Arguments> perspectiveMeans() {
        return Stream.of(
                arguments("every attribute scored",
                        Map.of("SRV-01", 8, "SRV-02", 6, "FIN-01", 5, "OPS-01", 7, "OPS-02", 7, "OPS-03", 8),
                        Map.of(Perspective.SERVICE, 7.0, Perspective.FINANCIAL_GOVERNANCE, 5.0,
                                Perspective.OPERATIONAL, 7.33), 6.83),
                arguments("a perspective with no scored attribute is left out",
                        Map.of("SRV-01", 9, "SRV-02", 10),
                        Map.of(Perspective.SERVICE, 9.5), 9.5),
                arguments("the overall mean is over attributes, not over perspective means",
                        Map.of("SRV-01", 10, "OPS-01", 4, "OPS-02", 4, "OPS-03", 4),
                        Map.of(Perspective.SERVICE, 10.0, Perspective.OPERATIONAL, 4.0), 5.5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void perspectiveMeans(String rule, Map<String, Integer> scores, Map<Perspective, Double> means, double overall) {
        assertThat(ScoringPolicy.perspectiveMeans(scores, ATTRIBUTES)).containsExactlyInAnyOrderEntriesOf(means);
        assertThat(List.copyOf(ScoringPolicy.perspectiveMeans(scores, ATTRIBUTES).keySet()))
                .isSortedAccordingTo(java.util.Comparator.naturalOrder());
        assertThat(ScoringPolicy.overallMean(scores)).isEqualTo(overall);
    }

    static Stream<Arguments> changesAndGaps() {
        return Stream.of(
                arguments("changes for attributes scored in both audits only",
                        Map.of("SRV-01", 8, "SRV-02", 5, "OPS-07", 6), Map.of("SRV-01", 6, "SRV-02", 7, "FIN-06", 3),
                        Map.of("SRV-01", 2, "SRV-02", -2), Map.of(), Map.of()),
                arguments("no previous audit: no changes",
                        Map.of("SRV-01", 8), Map.of(), Map.of(), Map.of(), Map.of()),
                arguments("gap is delivered minus expected, for expected attributes only",
                        Map.of("SRV-01", 8, "SRV-02", 5, "FIN-01", 7), Map.of(), Map.of(),
                        Map.of("SRV-01", 7, "SRV-02", 8, "FIN-01", 7), Map.of("SRV-01", 1, "SRV-02", -3, "FIN-01", 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void changesAndGaps(String rule, Map<String, Integer> scores, Map<String, Integer> previous,
                        Map<String, Integer> changes, Map<String, Integer> expected, Map<String, Integer> gaps) {
        assertThat(ScoringPolicy.changes(scores, previous)).containsExactlyInAnyOrderEntriesOf(changes);
        assertThat(ScoringPolicy.expectationGaps(scores, expected)).containsExactlyInAnyOrderEntriesOf(gaps);
    }

    @ParameterizedTest(name = "{0} - {1} = {2}")
    @CsvSource(nullValues = "null", value = {
            "7.5,  6.25, 1.25",
            "6.0,  7.33, -1.33",
            "6.0,  null, null",
            "null, 6.0,  null"})
    void theChangeOfAMean(Double current, Double previous, Double change) {
        assertThat(ScoringPolicy.change(current, previous)).isEqualTo(change);
    }

    static Attribute attribute(String code, Perspective perspective) {
        return new Attribute(new AttributeCode(code), perspective, code + " name");
    }
}
