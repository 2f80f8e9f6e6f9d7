package org.icss.ledger.audit.query.registrations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The normalised name fits {@code organisation_registration.normalised_name} (VARCHAR(400)) for every valid name. */
class OrganisationRegistrationsTest {

    /** A name is at most 200 characters (the input policy, {@code @Text(max = 200)}). */
    private static final int NAME_MAX = 200;

    @Test
    void noCharacterLowerCasesToMoreThanTwoSoEveryValidNameFits() {
        int longest = 0;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (Character.getType(codePoint) == Character.SURROGATE) {
                continue;
            }
            String one = Character.toString(codePoint);
            String normalised = one.toLowerCase(java.util.Locale.ROOT);
            longest = Math.max(longest, normalised.codePointCount(0, normalised.length()));
        }
        assertThat(longest).isEqualTo(2);
        assertThat(NAME_MAX * longest).isLessThanOrEqualTo(400);
    }

    @Test
    void theLongestGrowthFits() {
        String normalised = OrganisationRegistrations.normalise("\u0130".repeat(NAME_MAX));
        assertThat(normalised.codePointCount(0, normalised.length())).isEqualTo(400);
    }
}
