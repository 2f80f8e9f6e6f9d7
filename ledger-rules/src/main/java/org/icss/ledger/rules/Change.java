package org.icss.ledger.rules;

import org.icss.ledger.events.CertificateNumber;
import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.CertificationSuspended.SuspensionCause;
import org.icss.ledger.events.StandardVersion;
import org.icss.ledger.events.Tier;

import java.time.LocalDate;

/**
 * One change of an organisation's certification on a business date, as {@link LifecyclePolicy} derives it from
 * the reports. Two changes are the same change when all their fields are equal.
 */
public sealed interface Change {

    CertificateNumber certificate();

    LocalDate on();

    /** The certificate's status from {@code on}: ACTIVE for an award or a reinstatement. */
    CertificateStatus status();

    /** Calls {@code visitor}'s method for this kind of change. */
    <R> R accept(Visitor<R> visitor);

    /** One method per kind of change: a new kind fails to compile wherever changes are handled. */
    interface Visitor<R> {
        R awarded(Awarded change);

        R superseded(Superseded change);

        R suspended(Suspended change);

        R reinstated(Reinstated change);

        R withdrawn(Withdrawn change);

        R expired(Expired change);
    }

    /** A certificate of {@code tier} (GOLD or CERTIFIED), ACTIVE from {@code on}, valid until {@code validUntil}. */
    record Awarded(CertificateNumber certificate, LocalDate on, Tier tier, StandardVersion standard,
                   LocalDate validUntil, String auditId) implements Change {

        @Override
        public CertificateStatus status() {
            return CertificateStatus.ACTIVE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.awarded(this);
        }
    }

    /** Replaced by a newer award on {@code on} (rule 2). */
    record Superseded(CertificateNumber certificate, LocalDate on, CertificateNumber by) implements Change {

        @Override
        public CertificateStatus status() {
            return CertificateStatus.SUPERSEDED;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.superseded(this);
        }
    }

    /** SUSPENDED from {@code on}: a failed check ({@code causeId} = check id) or a missed anniversary (its date). */
    record Suspended(CertificateNumber certificate, LocalDate on, SuspensionCause cause, String causeId)
            implements Change {

        @Override
        public CertificateStatus status() {
            return CertificateStatus.SUSPENDED;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.suspended(this);
        }
    }

    /** ACTIVE again from {@code on} through the passed check {@code healthCheckId} (rule 4). */
    record Reinstated(CertificateNumber certificate, LocalDate on, String healthCheckId) implements Change {

        @Override
        public CertificateStatus status() {
            return CertificateStatus.ACTIVE;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reinstated(this);
        }
    }

    /** WITHDRAWN from {@code on}: suspended too long (rule 4). */
    record Withdrawn(CertificateNumber certificate, LocalDate on) implements Change {

        @Override
        public CertificateStatus status() {
            return CertificateStatus.WITHDRAWN;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.withdrawn(this);
        }
    }

    /** EXPIRED from {@code on} = validUntil (rule 5). */
    record Expired(CertificateNumber certificate, LocalDate on) implements Change {

        @Override
        public CertificateStatus status() {
            return CertificateStatus.EXPIRED;
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.expired(this);
        }
    }
}
