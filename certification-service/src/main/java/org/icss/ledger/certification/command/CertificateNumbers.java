package org.icss.ledger.certification.command;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.OrganisationId;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Certificate numbers of the form {@code ICSS-<award year>-<10 hex digits>}, derived from the organisation and the
 * audit that earned the certificate: the same award always gets the same number (stable under replay and retries),
 * and different awards get different numbers (40 bits of a name-based UUID).
 */
public final class CertificateNumbers {

    private CertificateNumbers() {
    }

    public static CertificateNumber forAward(OrganisationId organisation, String auditId, LocalDate awardedOn) {
        UUID uuid = UUID.nameUUIDFromBytes((organisation.value() + "|" + auditId).getBytes(StandardCharsets.UTF_8));
        String digits = uuid.toString().replace("-", "").substring(0, 10).toUpperCase();
        return new CertificateNumber("ICSS-" + awardedOn.getYear() + "-" + digits);
    }
}
