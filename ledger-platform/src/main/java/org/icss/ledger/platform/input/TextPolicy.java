package org.icss.ledger.platform.input;

import java.text.Normalizer;
import java.util.Optional;

/**
 * What free text the ledger takes, the same for every write endpoint of every service: Unicode in NFC, without
 * control characters (C0 and C1, NUL included), noncharacters (U+FDD0..U+FDEF and the last two code points of every
 * plane, U+FFFE and U+FFFF among them) or unpaired surrogates. Lengths are counted in characters (code points), not
 * UTF-16 units, so that a limit here is the limit of a PostgreSQL {@code VARCHAR(n)}, which counts characters too.
 * <p>
 * A pure function: {@link StrictJson} applies it to every JSON string of a request body, {@link QueryTextFilter} to
 * every query parameter.
 */
public final class TextPolicy {

    private TextPolicy() {
    }

    /** The text in Unicode normalisation form C (composed): what the ledger stores. */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    /** Characters (code points) in {@code text}. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Why the ledger refuses {@code text}, or empty if it takes it. */
    public static Optional<String> problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
                    if (isNoncharacter(codePoint)) {
                        return Optional.of(describe("a noncharacter", codePoint, i));
                    }
                    i++;
                    continue;
                }
                return Optional.of(describe("an unpaired surrogate", c, i));
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of(describe("an unpaired surrogate", c, i));
            }
            if (Character.getType(c) == Character.CONTROL) {
                return Optional.of(describe("a control character", c, i));
            }
            if (isNoncharacter(c)) {
                return Optional.of(describe("a noncharacter", c, i));
            }
        }
        return Optional.empty();
    }

    /** U+FDD0..U+FDEF and U+xxFFFE, U+xxFFFF of every plane: never meant for interchange. */
    public static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    private static String describe(String what, int codePoint, int index) {
        return String.format("contains %s (U+%04X) at position %d", what, codePoint, index);
    }
}
