package org.icss.ledger.rules;

import org.icss.ledger.events.AuditType;
import org.icss.ledger.events.Tier;

import java.util.Map;
import java.util.Optional;

/**
 * What an audit awards (DOMAIN.md rule 2): a certification or re-certification audit with every score at least
 * 6 awards GOLD; else with every score at least {@code certified-min-score} (default 4) awards CERTIFIED; else
 * nothing. An ANNUAL audit never awards.
 */
public final class TierPolicy {

    private TierPolicy() {
    }

    public static Optional<Tier> awardFor(AuditType type, Map<String, Integer> scores, CertificationRules rules) {
        if (!type.canAward() || scores.isEmpty()) {
            return Optional.empty();
        }
        int lowest = scores.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        if (lowest >= CertificationRules.GOLD_MIN_SCORE) {
            return Optional.of(Tier.GOLD);
        }
        if (lowest >= rules.certifiedMinScore()) {
            return Optional.of(Tier.CERTIFIED);
        }
        return Optional.empty();
    }
}
