package org.icss.ledger.audit.query.certificates;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.StandardVersion;

import java.time.LocalDate;

/**
 * One status change of a certificate as the local view received it, with what the rule needs of its certificate.
 *
 * @param validUntil    the certificate's end: it is held on dates before this one only
 * @param status        the status from {@code effectiveOn} (ACTIVE for an award or a reinstatement)
 * @param receivedOrder the order the view received the change in; breaks ties between changes of one date
 * @param award         the change is the award itself (GoldAwarded, CertificationGranted): without it the
 *                      certificate does not exist
 * @param revoked       a later CertificationChangeRevoked said this change no longer holds
 */
public record CertificateChange(
        String certificateNumber,
        StandardVersion standardVersion,
        LocalDate validUntil,
        CertificateStatus status,
        LocalDate effectiveOn,
        long receivedOrder,
        boolean award,
        boolean revoked) {
}
