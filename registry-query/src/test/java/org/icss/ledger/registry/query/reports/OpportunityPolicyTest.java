package org.icss.ledger.registry.query.reports;

import org.icss.ledger.registry.query.reports.OpportunityPolicy.Kind;
import org.icss.ledger.registry.query.reports.OpportunityPolicy.Opportunity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Opportunities with the defaults: Gold threshold 6, the 3 attributes furthest below the peer median. */
class OpportunityPolicyTest {

    private final OpportunityPolicy policy = new OpportunityPolicy(6, 3);

    static Stream<Arguments> opportunities() {
        return Stream.of(
                arguments("the 3 attributes furthest below the peer median, largest gap first",
                        Map.of("SRV-01", 6, "SRV-02", 7, "FIN-01", 8, "OPS-01", 9, "LRN-01", 7),
                        Map.of("SRV-01", 9.0, "SRV-02", 8.0, "FIN-01", 9.5, "OPS-01", 9.0, "LRN-01", 9.0),
                        List.of("SRV-01 TRAILS_PEER_MEDIAN 9.0 3.0", "LRN-01 TRAILS_PEER_MEDIAN 9.0 2.0",
                                "FIN-01 TRAILS_PEER_MEDIAN 9.5 1.5")),
                arguments("equal gaps in code order; at or above the median is no opportunity",
                        Map.of("SRV-01", 7, "FIN-01", 7, "OPS-01", 9),
                        Map.of("SRV-01", 8.0, "FIN-01", 8.0, "OPS-01", 9.0),
                        List.of("FIN-01 TRAILS_PEER_MEDIAN 8.0 1.0", "SRV-01 TRAILS_PEER_MEDIAN 8.0 1.0")),
                arguments("one point short of Gold, without peers (group too small)",
                        Map.of("SRV-01", 5, "SRV-02", 4, "FIN-01", 6),
                        Map.of(),
                        List.of("SRV-01 ONE_SHORT_OF_GOLD null null")),
                arguments("both kinds on one attribute are listed once",
                        Map.of("SRV-01", 5, "SRV-02", 8, "OPS-02", 5),
                        Map.of("SRV-01", 8.5, "SRV-02", 8.0, "OPS-02", 5.0),
                        List.of("SRV-01 TRAILS_PEER_MEDIAN,ONE_SHORT_OF_GOLD 8.5 3.5",
                                "OPS-02 ONE_SHORT_OF_GOLD 5.0 null")),
                arguments("a half-point median from an even number of peers",
                        Map.of("SRV-01", 8),
                        Map.of("SRV-01", 8.5),
                        List.of("SRV-01 TRAILS_PEER_MEDIAN 8.5 0.5")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void opportunities(String rule, Map<String, Integer> scores, Map<String, Double> peerMedians,
                       List<String> expected) {
        List<Opportunity> opportunities = policy.opportunities(scores, peerMedians);

        assertThat(opportunities).extracting(o -> o.attribute() + " " + String.join(",",
                        o.kinds().stream().map(Kind::name).toList()) + " " + o.peerMedian() + " " + o.behindPeerMedian())
                .containsExactlyElementsOf(expected);
    }
}
