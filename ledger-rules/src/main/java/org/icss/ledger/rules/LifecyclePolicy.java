package org.icss.ledger.rules;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.CertificationSuspended.SuspensionCause;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The certification timeline of one organisation as a pure function of the reports it was given:
 * {@code timeline(reports, through)} plays the audits and health checks in business-date order and returns every
 * change (award, supersession, suspension, reinstatement, withdrawal, expiry) dated on or before {@code through}.
 * Nothing here reads a clock; due dates are derived, not stored, so they cannot be lost or fired twice.
 *
 * <p>The rules are DOMAIN.md's, with {@link CertificationRules} for the defaults:
 * <ol start="2">
 *     <li>a certification or re-certification audit on A awards GOLD (every score &gt;= 6) or CERTIFIED (every score
 *     &gt;= certified-min-score): a new certificate, ACTIVE from A, valid until A + 3 years; the certificate it
 *     replaces ends on A (superseded);</li>
 *     <li>anniversaries A + 1 year and A + 2 years; a passed check in [N - grace, N + grace] satisfies N; none by
 *     N + grace: SUSPENDED on N + grace + 1 day; a failed check on H while ACTIVE: SUSPENDED on H;</li>
 *     <li>suspended on S: a passed check on H, S &lt;= H &lt;= S + suspension-max, reinstates (ACTIVE on H, and it
 *     satisfies every anniversary whose window has opened by H); none by then: WITHDRAWN on S + suspension-max +
 *     1 day; checks on a withdrawn or expired certificate change nothing;</li>
 *     <li>a certificate still ACTIVE or SUSPENDED on validUntil is EXPIRED from that day, unless an award on or
 *     before validUntil replaced it;</li>
 *     <li value="9">on one date: awards first, then health checks (in the order received), then the scheduled
 *     changes due that day; when expiry and withdrawal fall on the same day, expiry comes first and withdrawal
 *     does not happen.</li>
 * </ol>
 */
public final class LifecyclePolicy {

    private LifecyclePolicy() {
    }

    public static List<Change> timeline(OrganisationId organisation, Collection<AuditReport> audits,
                                        Collection<HealthCheckReport> checks, LocalDate through,
                                        CertificationRules rules) {
        List<Item> items = new ArrayList<>();
        for (AuditReport audit : audits) {
            TierPolicy.awardFor(audit.type(), audit.scores(), rules)
                    .ifPresent(tier -> items.add(new Award(audit, tier)));
        }
        for (HealthCheckReport check : checks) {
            items.add(new Check(check));
        }
        items.sort(Comparator.comparing(Item::date).thenComparingInt(Item::kind).thenComparingLong(Item::sequence));

        Run run = new Run(organisation, rules);
        int next = 0;
        while (true) {
            LocalDate nextItem = next < items.size() ? items.get(next).date() : null;
            LocalDate nextDue = run.nextDue().orElse(null);
            LocalDate day = earliest(nextItem, nextDue);
            if (day == null || day.isAfter(through)) {
                break;
            }
            while (next < items.size() && items.get(next).date().equals(day)) {
                run.play(items.get(next++));
            }
            while (run.nextDue().filter(day::equals).isPresent()) {
                run.fallDue(day);
            }
        }
        return run.changes;
    }

    private static LocalDate earliest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private sealed interface Item {
        LocalDate date();

        /** awards before checks on one day */
        int kind();

        long sequence();
    }

    private record Award(AuditReport audit, Tier tier) implements Item {
        public LocalDate date() {
            return audit.auditedOn();
        }

        public int kind() {
            return 0;
        }

        public long sequence() {
            return audit.sequence();
        }
    }

    private record Check(HealthCheckReport check) implements Item {
        public LocalDate date() {
            return check.checkedOn();
        }

        public int kind() {
            return 1;
        }

        public long sequence() {
            return check.sequence();
        }
    }

    /** The current certificate while the timeline is played. */
    private static final class Certificate {
        final CertificateNumber number;
        final LocalDate validUntil;
        final List<LocalDate> anniversaries = new ArrayList<>();
        final TreeSet<LocalDate> settled = new TreeSet<>(); // satisfied, or already the cause of a suspension
        CertificateStatus status = CertificateStatus.ACTIVE;
        LocalDate suspendedOn;

        Certificate(CertificateNumber number, LocalDate awardedOn, LocalDate validUntil) {
            this.number = number;
            this.validUntil = validUntil;
            for (int year = 1; ; year++) {
                LocalDate anniversary = awardedOn.plusYears(year);
                if (!anniversary.isBefore(validUntil)) {
                    break;
                }
                anniversaries.add(anniversary);
            }
        }

        boolean live() {
            return status == CertificateStatus.ACTIVE || status == CertificateStatus.SUSPENDED;
        }
    }

    private static final class Run {
        final OrganisationId organisation;
        final CertificationRules rules;
        final List<Change> changes = new ArrayList<>();
        Certificate current;

        Run(OrganisationId organisation, CertificationRules rules) {
            this.organisation = organisation;
            this.rules = rules;
        }

        void play(Item item) {
            if (item instanceof Award award) {
                award(award.audit(), award.tier());
            } else if (item instanceof Check check) {
                check(check.check());
            }
        }

        void award(AuditReport audit, Tier tier) {
            LocalDate on = audit.auditedOn();
            CertificateNumber number = CertificateNumbers.forAward(organisation, audit.auditId(), tier, on);
            if (current != null && current.live()) {
                current.status = CertificateStatus.SUPERSEDED;
                changes.add(new Change.Superseded(current.number, on, number));
            }
            LocalDate validUntil = on.plus(CertificationRules.TERM);
            current = new Certificate(number, on, validUntil);
            changes.add(new Change.Awarded(number, on, tier, audit.standard(), validUntil, audit.auditId()));
        }

        void check(HealthCheckReport check) {
            if (current == null || !current.live()) {
                return; // recorded, changes nothing
            }
            LocalDate on = check.checkedOn();
            if (current.status == CertificateStatus.ACTIVE) {
                if (check.passed()) {
                    settleAnniversariesAround(on);
                } else {
                    suspend(on, SuspensionCause.HEALTH_CHECK_FAILED, check.healthCheckId());
                }
            } else if (check.passed() && !on.isAfter(current.suspendedOn.plus(rules.suspensionMax()))) {
                current.status = CertificateStatus.ACTIVE;
                current.suspendedOn = null;
                for (LocalDate anniversary : current.anniversaries) {
                    if (!anniversary.minus(rules.healthCheckGrace()).isAfter(on)) {
                        current.settled.add(anniversary);
                    }
                }
                changes.add(new Change.Reinstated(current.number, on, check.healthCheckId()));
            }
        }

        private void settleAnniversariesAround(LocalDate checkedOn) {
            for (LocalDate anniversary : current.anniversaries) {
                boolean inWindow = !checkedOn.isBefore(anniversary.minus(rules.healthCheckGrace()))
                        && !checkedOn.isAfter(anniversary.plus(rules.healthCheckGrace()));
                if (inWindow) {
                    current.settled.add(anniversary);
                }
            }
        }

        private void suspend(LocalDate on, SuspensionCause cause, String causeId) {
            current.status = CertificateStatus.SUSPENDED;
            current.suspendedOn = on;
            changes.add(new Change.Suspended(current.number, on, cause, causeId));
        }

        Optional<LocalDate> nextDue() {
            if (current == null || !current.live()) {
                return Optional.empty();
            }
            LocalDate due = current.validUntil;
            if (current.status == CertificateStatus.ACTIVE) {
                for (LocalDate anniversary : current.anniversaries) {
                    if (!current.settled.contains(anniversary)) {
                        LocalDate missedOn = missedOn(anniversary);
                        due = missedOn.isBefore(due) ? missedOn : due;
                    }
                }
            } else {
                LocalDate withdrawnOn = current.suspendedOn.plus(rules.suspensionMax()).plusDays(1);
                due = withdrawnOn.isBefore(due) ? withdrawnOn : due;
            }
            return Optional.of(due);
        }

        void fallDue(LocalDate day) {
            if (day.equals(current.validUntil)) {
                current.status = CertificateStatus.EXPIRED;
                changes.add(new Change.Expired(current.number, day));
                return;
            }
            if (current.status == CertificateStatus.SUSPENDED) {
                current.status = CertificateStatus.WITHDRAWN;
                changes.add(new Change.Withdrawn(current.number, day));
                return;
            }
            for (LocalDate anniversary : current.anniversaries) {
                if (!current.settled.contains(anniversary) && missedOn(anniversary).equals(day)) {
                    current.settled.add(anniversary);
                    suspend(day, SuspensionCause.HEALTH_CHECK_MISSED, anniversary.toString());
                    return;
                }
            }
            throw new IllegalStateException("nothing falls due on " + day);
        }

        private LocalDate missedOn(LocalDate anniversary) {
            return anniversary.plus(rules.healthCheckGrace()).plusDays(1);
        }
    }
}
