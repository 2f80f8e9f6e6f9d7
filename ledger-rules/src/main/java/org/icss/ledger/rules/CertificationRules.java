package org.icss.ledger.rules;

import java.time.Period;

/**
 * The parameters of the lifecycle where the standard is silent (DOMAIN.md, "our documented defaults"). Bound from
 * {@code icss.rules.*} by {@code config.RulesProperties}; {@link #defaults()} are the documented defaults.
 *
 * @param certifiedMinScore lowest score on every attribute for plain Certified status ({@code certified-min-score}, 4)
 * @param healthCheckGrace  how far either side of an anniversary a health check counts ({@code health-check-grace}, 90 days)
 * @param suspensionMax     how long after suspension a passed check still reinstates ({@code suspension-max}, 180 days)
 */
public record CertificationRules(int certifiedMinScore, Period healthCheckGrace, Period suspensionMax) {

    /** Gold is the standard's own definition: 6 or more on every attribute. */
    public static final int GOLD_MIN_SCORE = 6;

    /** Gold and Certified certificates run 3 calendar years from the award (29 Feb + 3 years = 28 Feb). */
    public static final Period TERM = Period.ofYears(3);

    public CertificationRules {
        if (certifiedMinScore < 0 || certifiedMinScore > GOLD_MIN_SCORE) {
            throw new IllegalArgumentException("certified-min-score must be within 0.." + GOLD_MIN_SCORE);
        }
        if (healthCheckGrace.isNegative() || suspensionMax.isNegative()) {
            throw new IllegalArgumentException("health-check-grace and suspension-max must not be negative");
        }
    }

    public static CertificationRules defaults() {
        return new CertificationRules(4, Period.ofDays(90), Period.ofDays(180));
    }
}
