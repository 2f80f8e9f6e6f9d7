package org.icss.ledger.registry.web;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the certification mark says for each standing: never a tier the organisation does not hold today. */
class CertificationMarkTest {

    @ParameterizedTest(name = "{0} {1}: {2} / {3}")
    @CsvSource(nullValues = "-", value = {
            "PLATINUM,  ACTIVE,     ICSS Platinum,      certified",
            "GOLD,      ACTIVE,     ICSS Gold,          certified",
            "CERTIFIED, ACTIVE,     ICSS Certified,     certified",
            "GOLD,      SUSPENDED,  ICSS Gold,          SUSPENDED",
            "CERTIFIED, SUSPENDED,  ICSS Certified,     SUSPENDED",
            "NONE,      WITHDRAWN,  ICSS certificate,   WITHDRAWN",
            "NONE,      EXPIRED,    ICSS certificate,   EXPIRED",
            "NONE,      SUPERSEDED, ICSS certificate,   SUPERSEDED",
            "NONE,      -,          Not ICSS certified, no certificate",
    })
    void theMarkSaysWhatTheStandingIsToday(Tier tier, CertificateStatus status, String headline, String detail) {
        CertificationMark.Look look = CertificationMark.look(tier, status);

        assertThat(look.headline()).isEqualTo(headline);
        assertThat(look.detail()).isEqualTo(detail);
    }

    @Test
    void theMarkNamesItselfForScreenReadersAndEscapesTheName() {
        String svg = CertificationMark.svg("Tom & Jerry's <Bank>", Tier.GOLD, CertificateStatus.SUSPENDED,
                LocalDate.of(2026, 12, 3), "https://registry.example/#/organisations/o-1");

        assertThat(svg).startsWith("<svg ").contains("role=\"img\"").contains("aria-labelledby=\"mark-title\"")
                .contains("<title id=\"mark-title\">ICSS Gold (SUSPENDED): Tom &amp; Jerry&#39;s &lt;Bank&gt;, "
                        + "verified on 2026-12-03 in the ICSS registry</title>")
                .contains("href=\"https://registry.example/#/organisations/o-1\"")
                .contains("verified on 2026-12-03").doesNotContain("<Bank>");
    }
}
