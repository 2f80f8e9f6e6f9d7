package org.icss.ledger.platform.input;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextPolicyTest {

    @Test
    void everyControlCharacterIsRefused() {
        for (int c = 0; c < 0x20; c++) {
            assertThat(TextPolicy.problem("a" + (char) c)).as("U+%04X", c).isPresent();
        }
        for (int c = 0x7F; c <= 0x9F; c++) {
            assertThat(TextPolicy.problem("a" + (char) c)).as("U+%04X", c).isPresent();
        }
    }

    @Test
    void noncharactersOfEveryPlaneAndUnpairedSurrogatesAreRefused() {
        for (int plane = 0; plane <= 0x10; plane++) {
            assertThat(TextPolicy.problem(Character.toString(plane << 16 | 0xFFFE))).isPresent();
            assertThat(TextPolicy.problem(Character.toString(plane << 16 | 0xFFFF))).isPresent();
        }
        assertThat(TextPolicy.problem("\uFDD0")).isPresent();
        assertThat(TextPolicy.problem("x\uD800")).contains("contains an unpaired surrogate (U+D800) at position 1");
        assertThat(TextPolicy.problem("\uDC00x")).isPresent();
    }

    @Test
    void printableTextOfAnyScriptIsTaken() {
        assertThat(TextPolicy.problem("Zürich Ωmega 한국 東京 \uD83D\uDE00 İstanbul \u200B")).isEmpty();
        assertThat(TextPolicy.length("\uD83D\uDE00".repeat(200))).isEqualTo(200);
        assertThat(TextPolicy.normalise("e\u0301")).isEqualTo("\u00e9");
    }
}
