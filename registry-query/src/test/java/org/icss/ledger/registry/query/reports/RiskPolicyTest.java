package org.icss.ledger.registry.query.reports;

import org.icss.ledger.registry.query.reports.RiskPolicy.Kind;
import org.icss.ledger.registry.query.reports.RiskPolicy.Risk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Risks with the defaults: Gold threshold 6, a fall of 2 or more, a shortfall against expectation of 2 or more. */
class RiskPolicyTest {

    private final RiskPolicy policy = new RiskPolicy(6, 2, 2);

    @ParameterizedTest(name = "score {0}, previous {1}, expected {2}: {3}")
    @CsvSource(nullValues = "null", value = {
            // score, previous, expected, kinds (empty: no risk)
            "6,  null, null, ''",
            "5,  null, null, BELOW_GOLD",
            "0,  null, null, BELOW_GOLD",
            "10, null, null, ''",
            "7,  8,    null, ''",
            "7,  9,    null, FELL_SINCE_LAST_AUDIT",
            "6,  10,   null, FELL_SINCE_LAST_AUDIT",
            "8,  6,    null, ''",
            "7,  null, 8,    ''",
            "7,  null, 9,    SHORT_OF_EXPECTATION",
            "7,  null, 5,    ''",
            "4,  7,    8,    BELOW_GOLD FELL_SINCE_LAST_AUDIT SHORT_OF_EXPECTATION",
            "5,  6,    7,    BELOW_GOLD SHORT_OF_EXPECTATION"})
    void anAttributeIsARiskForEveryReasonThatApplies(int score, Integer previous, Integer expected, String kinds) {
        Map<String, Integer> before = new HashMap<>();
        Map<String, Integer> expectation = new HashMap<>();
        if (previous != null) {
            before.put("SRV-01", previous);
        }
        if (expected != null) {
            expectation.put("SRV-01", expected);
        }

        List<Risk> risks = policy.risks(Map.of("SRV-01", score), before, expectation);

        List<Kind> expectedKinds = kinds.isBlank() ? List.of()
                : Arrays.stream(kinds.split(" ")).map(Kind::valueOf).toList();
        if (expectedKinds.isEmpty()) {
            assertThat(risks).isEmpty();
        } else {
            assertThat(risks).singleElement().satisfies(risk -> {
                assertThat(risk.kinds()).containsExactlyElementsOf(expectedKinds);
                assertThat(risk.score()).isEqualTo(score);
                assertThat(risk.change()).isEqualTo(previous == null ? null : score - previous);
                assertThat(risk.expected()).isEqualTo(expected);
            });
        }
    }

    @Test
    void mostReasonsFirstThenLowestScoreThenCode() {
        List<Risk> risks = policy.risks(Map.of("SRV-01", 5, "SRV-02", 3, "FIN-01", 5, "OPS-01", 4),
                Map.of("OPS-01", 8), Map.of());

        assertThat(risks).extracting(Risk::attribute).containsExactly("OPS-01", "SRV-02", "FIN-01", "SRV-01");
    }

    @Test
    void otherThresholdsAreTakenFromConfiguration() {
        RiskPolicy strict = new RiskPolicy(8, 1, 1);

        assertThat(strict.risks(Map.of("SRV-01", 7), Map.of("SRV-01", 8), Map.of("SRV-01", 8)))
                .singleElement().extracting(Risk::kinds).isEqualTo(List.of(Kind.BELOW_GOLD,
                        Kind.FELL_SINCE_LAST_AUDIT, Kind.SHORT_OF_EXPECTATION));
    }
}
