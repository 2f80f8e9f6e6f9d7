package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The status of one certificate on a date, from its award and its (non-revoked) status changes: none before the
 * award; ACTIVE from the award; then the latest change on or before the date (in the order announced). A
 * certificate still ACTIVE or SUSPENDED on or after validUntil is EXPIRED even before certification-service has
 * announced it (it announces scheduled changes the day after they fall due).
 */
public final class StatusPolicy {

    private StatusPolicy() {
    }

    public record StatusChange(LocalDate on, CertificateStatus status) {
    }

    public static Optional<CertificateStatus> statusOn(LocalDate awardedOn, LocalDate validUntil,
                                                       List<StatusChange> changesInOrder, LocalDate date) {
        if (date.isBefore(awardedOn)) {
            return Optional.empty();
        }
        CertificateStatus status = CertificateStatus.ACTIVE;
        for (StatusChange change : changesInOrder) {
            if (!change.on().isAfter(date)) {
                status = change.status();
            }
        }
        if (!date.isBefore(validUntil)
                && (status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED)) {
            status = CertificateStatus.EXPIRED;
        }
        return Optional.of(status);
    }
}
