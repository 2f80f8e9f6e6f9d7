package org.icss.ledger.certification.command;

import org.icss.ledger.events.AuditType;

import java.time.LocalDate;
import java.util.Map;

/**
 * Whether an audit earns Gold: a certification or re-certification audit with a score of at least 6 on every
 * attribute (DOMAIN.md rule 2). An annual audit never awards. The Gold term is 3 calendar years from the audit
 * date (29 Feb + 3 years = 28 Feb).
 */
public final class GoldPolicy {

    public static final int GOLD_MIN_SCORE = 6;
    public static final int TERM_YEARS = 3;

    private GoldPolicy() {
    }

    public static boolean awardsGold(AuditType type, Map<String, Integer> scores) {
        return type.canAward() && !scores.isEmpty()
                && scores.values().stream().allMatch(score -> score != null && score >= GOLD_MIN_SCORE);
    }

    /** The first day a certificate awarded on {@code awardedOn} is no longer valid. */
    public static LocalDate validUntil(LocalDate awardedOn) {
        return awardedOn.plusYears(TERM_YEARS);
    }
}
