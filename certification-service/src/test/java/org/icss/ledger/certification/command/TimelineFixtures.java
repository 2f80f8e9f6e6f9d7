package org.icss.ledger.certification.command;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;
import org.icss.ledger.rules.CertificateNumbers;
import org.icss.ledger.rules.Change;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/** Scores and expected changes for the certification tests of organisation {@code org-1}. */
final class TimelineFixtures {

    private static final OrganisationId ORG = new OrganisationId("org-1");

    private TimelineFixtures() {
    }

    static CertificateNumber number(String auditId, LocalDate on, Tier tier) {
        return CertificateNumbers.forAward(ORG, auditId, tier, on);
    }

    static Change.Awarded awarded(String auditId, LocalDate on, Tier tier) {
        return new Change.Awarded(number(auditId, on, tier), on, tier, StandardVersion.ICSS_2020_2025,
                on.plusYears(3), auditId);
    }

    /** 25 attributes, one of them (SRV-13) at {@code lowest}, the others at least 8. */
    static Map<String, Integer> scores(int lowest) {
        Map<String, Integer> scores = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            scores.put(String.format("SRV-%02d", i), i == 13 ? lowest : Math.max(lowest, 8));
        }
        return scores;
    }
}
