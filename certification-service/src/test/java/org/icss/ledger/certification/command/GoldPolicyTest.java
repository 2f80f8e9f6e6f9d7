package org.icss.ledger.certification.command;

import org.icss.ledger.events.AuditType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GoldPolicyTest {

    @ParameterizedTest(name = "{0}, lowest score {1}: Gold={2}")
    @CsvSource({
            "CERTIFICATION,   6,  true",
            "CERTIFICATION,   10, true",
            "CERTIFICATION,   5,  false",
            "CERTIFICATION,   0,  false",
            "RECERTIFICATION, 6,  true",
            "RECERTIFICATION, 5,  false",
            "ANNUAL,          9,  false",
    })
    void goldRequiresSixOnEveryAttributeOfACertificationAudit(AuditType type, int lowest, boolean gold) {
        assertThat(GoldPolicy.awardsGold(type, scoresWithLowest(lowest))).isEqualTo(gold);
    }

    @ParameterizedTest(name = "awarded {0}: valid until {1}")
    @CsvSource({
            "2024-06-30, 2027-06-30",
            "2024-02-29, 2027-02-28",
            "2020-01-01, 2023-01-01",
    })
    void goldIsValidForThreeCalendarYears(LocalDate awardedOn, LocalDate validUntil) {
        assertThat(GoldPolicy.validUntil(awardedOn)).isEqualTo(validUntil);
    }

    static Map<String, Integer> scoresWithLowest(int lowest) {
        Map<String, Integer> scores = new HashMap<>();
        for (int i = 1; i <= 25; i++) {
            scores.put(String.format("SRV-%02d", i), i == 13 ? lowest : Math.max(lowest, 8));
        }
        return scores;
    }
}
