package org.icss.ledger.registry.query.registry;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hash chain and the Merkle tree of the tamper-evident history. */
class HistoryChainTest {

    @Test
    void hashesAreSha256InLowerCaseHex() {
        assertThat(HistoryChain.sha256("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(HistoryChain.entryHash(HistoryChain.GENESIS, "ab"))
                .isEqualTo(HistoryChain.sha256(HistoryChain.GENESIS + "ab"));
        assertThat(HistoryChain.leaf("org-1", "h")).isEqualTo(HistoryChain.sha256("leaf:org-1:h"));
    }

    @Test
    void theRootOfNoLeavesIsTheGenesisAndOfOneLeafTheLeaf() {
        assertThat(HistoryChain.root(List.of())).isEqualTo(HistoryChain.GENESIS);
        assertThat(HistoryChain.root(List.of("x"))).isEqualTo("x");
        assertThat(HistoryChain.inclusion(List.of("x"), 0)).isEmpty();
    }

    @Test
    void threeLeavesPairTheFirstTwoAndLiftTheThird() {
        String ab = HistoryChain.sha256("a" + "b");
        assertThat(HistoryChain.root(List.of("a", "b", "c"))).isEqualTo(HistoryChain.sha256(ab + "c"));
        assertThat(HistoryChain.inclusion(List.of("a", "b", "c"), 2)).containsExactly("L:" + ab);
        assertThat(HistoryChain.inclusion(List.of("a", "b", "c"), 1)).containsExactly("L:a", "R:c");
    }

    @ParameterizedTest(name = "{0} leaves")
    @ValueSource(ints = {2, 3, 4, 5, 7, 8, 9, 16, 17, 100})
    void everyLeafsPathLeadsToTheRootAndAnotherLeafsDoesNot(int size) {
        List<String> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(HistoryChain.sha256("leaf " + i));
        }
        String root = HistoryChain.root(leaves);
        for (int i = 0; i < size; i++) {
            List<String> path = HistoryChain.inclusion(leaves, i);
            assertThat(HistoryChain.rootFrom(leaves.get(i), path)).as("leaf %d", i).isEqualTo(root);
            assertThat(HistoryChain.rootFrom(HistoryChain.sha256("forged"), path)).isNotEqualTo(root);
        }
    }
}
