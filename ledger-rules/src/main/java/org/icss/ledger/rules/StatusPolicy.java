package org.icss.ledger.rules;

import org.icss.ledger.events.CertificateStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The status of one certificate on a date, from its award and its (non-revoked) status changes: none before the
 * award; ACTIVE from the award; then the latest change on or before the date (in the order announced). A
 * certificate still ACTIVE or SUSPENDED on or after validUntil is EXPIRED (DOMAIN.md rule 5), even before
 * certification-service has announced it (it announces scheduled changes the day after they fall due).
 * <p>
 * Two moments of a day (rule 9: awards first, then health checks, then the scheduled changes that fall due):
 * {@link #statusOn} is the status once the whole day has played; {@link #statusWhenAwardsAreJudged} is the status
 * an award (or an audit asking rule 1) sees: after the day's awards, before its health checks and scheduled
 * changes, so on its validUntil a certificate still counts, and a withdrawal due that day has not happened yet.
 */
public final class StatusPolicy {

    private StatusPolicy() {
    }

    public record StatusChange(LocalDate on, CertificateStatus status) {
    }

    /** The status at the end of {@code date}; empty before the award. */
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
        return Optional.of(expiredFrom(validUntil, date, status));
    }

    /**
     * The status on {@code date} as the day's awards see it: every change before the date counts, and of the
     * date's own changes only a supersession (it comes with an award); expiry on validUntil comes later that day.
     */
    public static Optional<CertificateStatus> statusWhenAwardsAreJudged(LocalDate awardedOn, LocalDate validUntil,
                                                                        List<StatusChange> changesInOrder,
                                                                        LocalDate date) {
        if (date.isBefore(awardedOn)) {
            return Optional.empty();
        }
        CertificateStatus status = CertificateStatus.ACTIVE;
        for (StatusChange change : changesInOrder) {
            if (change.on().isBefore(date)
                    || change.on().equals(date) && change.status() == CertificateStatus.SUPERSEDED) {
                status = change.status();
            }
        }
        return Optional.of(expiredFrom(validUntil, date.minusDays(1), status));
    }

    private static CertificateStatus expiredFrom(LocalDate validUntil, LocalDate date, CertificateStatus status) {
        if (!date.isBefore(validUntil)
                && (status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED)) {
            return CertificateStatus.EXPIRED;
        }
        return status;
    }
}
