package org.icss.ledger.rules;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.Tier;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/**
 * Certificate numbers of the form {@code ICSS-G-<award year>-<10 hex digits>} (G for Gold, C for Certified),
 * derived from the organisation, the audit that earned the certificate and the tier: the same award always gets
 * the same number (stable under replay, retries and recomputation), and different awards get different numbers
 * (40 bits of a name-based UUID; the registry's primary key on the number would reveal a collision).
 */
public final class CertificateNumbers {

    private CertificateNumbers() {
    }

    public static CertificateNumber forAward(OrganisationId organisation, String auditId, Tier tier,
                                             LocalDate awardedOn) {
        UUID uuid = UUID.nameUUIDFromBytes((organisation.value() + "|" + auditId + "|" + tier)
                .getBytes(StandardCharsets.UTF_8));
        String digits = uuid.toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT);
        return new CertificateNumber("ICSS-" + tier.name().charAt(0) + "-" + awardedOn.getYear() + "-" + digits);
    }
}
