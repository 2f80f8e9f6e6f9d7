package org.icss.ledger.registry.query.registry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The folded search copy of a name fits {@code organisation.name_folded} (VARCHAR(600)) for every name the input
 * policy takes (at most 200 characters). Folding (NFD, marks removed, lower case) works character by character, so
 * the longest a character folds to, times 200, bounds every folded name; that maximum is found here over every
 * code point.
 */
class FoldedNameBoundTest {

    private static final int NAME_MAX = 200;
    private static final int COLUMN = 600;

    @Test
    void noCharacterFoldsToMoreThanThree() {
        int longest = 0;
        int worst = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String folded = RegistryProjection.fold("a" + Character.toString(codePoint) + "a");
            int length = folded.codePointCount(0, folded.length()) - 2;
            if (length > longest) {
                longest = length;
                worst = codePoint;
            }
        }
        assertThat(longest).as("U+%04X", worst).isLessThanOrEqualTo(3);
        assertThat(NAME_MAX * longest).isLessThanOrEqualTo(COLUMN);
    }

    @Test
    void namesThatGrowTheMostFit() {
        for (String name : new String[]{"\uB620".repeat(NAME_MAX), "\u0130".repeat(NAME_MAX), "\uFB03".repeat(NAME_MAX),
                "\u1F82".repeat(NAME_MAX), "\uD83D\uDE00".repeat(NAME_MAX)}) {
            String folded = RegistryProjection.fold(name);
            assertThat(folded.codePointCount(0, folded.length())).isLessThanOrEqualTo(COLUMN);
        }
        assertThat(RegistryProjection.fold("\uB620".repeat(NAME_MAX))).hasSize(COLUMN);
    }
}
