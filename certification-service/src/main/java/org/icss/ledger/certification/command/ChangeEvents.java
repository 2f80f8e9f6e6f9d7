package org.icss.ledger.certification.command;

import org.icss.ledger.events.AuditCorrected;
import org.icss.ledger.events.AuditScored;
import org.icss.ledger.events.AuditWithdrawn;
import org.icss.ledger.events.AwardWon;
import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationChangeRevoked;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.HealthCheckCorrected;
import org.icss.ledger.events.HealthCheckFailed;
import org.icss.ledger.events.HealthCheckPassed;
import org.icss.ledger.events.HealthCheckWithdrawn;
import org.icss.ledger.events.LedgerEvent;
import org.icss.ledger.events.LedgerEventVisitor;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.Tier;
import org.icss.ledger.rules.Change;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Translates between the timeline's {@link Change}s and the published events that announce them, both ways with
 * visitors the compiler checks: a new kind of change or a new event type fails to compile here until it is mapped.
 */
public final class ChangeEvents {

    private ChangeEvents() {
    }

    /**
     * The event announcing {@code change}. Its id is derived from the change and from how many times the same
     * change was announced before ({@code emission}), so a change announced, revoked and announced again gets a
     * new id each time (consumers deduplicate on ids).
     */
    public static OrganisationEvent announce(OrganisationId org, Change change, int emission, Instant recordedAt) {
        UUID id = EventIds.of(eventType(change), org.value(), change.toString(), Integer.toString(emission));
        return change.accept(new Change.Visitor<>() {
            @Override
            public OrganisationEvent awarded(Change.Awarded a) {
                return a.tier() == Tier.GOLD
                        ? new GoldAwarded(org, id, a.on(), recordedAt, a.certificate(), a.standard(), a.validUntil(),
                        a.auditId())
                        : new CertificationGranted(org, id, a.on(), recordedAt, a.certificate(), a.standard(),
                        a.validUntil(), a.auditId());
            }

            @Override
            public OrganisationEvent superseded(Change.Superseded s) {
                return new CertificateSuperseded(org, id, s.on(), recordedAt, s.certificate(), s.by());
            }

            @Override
            public OrganisationEvent suspended(Change.Suspended s) {
                return new CertificationSuspended(org, id, s.on(), recordedAt, s.certificate(), s.cause(),
                        s.causeId());
            }

            @Override
            public OrganisationEvent reinstated(Change.Reinstated r) {
                return new CertificationReinstated(org, id, r.on(), recordedAt, r.certificate(), r.healthCheckId());
            }

            @Override
            public OrganisationEvent withdrawn(Change.Withdrawn w) {
                return new CertificationWithdrawn(org, id, w.on(), recordedAt, w.certificate());
            }

            @Override
            public OrganisationEvent expired(Change.Expired e) {
                return new CertificationExpired(org, id, e.on(), recordedAt, e.certificate());
            }
        });
    }

    /** The change an announcing event stands for; empty for any other event. */
    public static Optional<Change> changeOf(Object event) {
        return event instanceof LedgerEvent ledgerEvent ? ledgerEvent.accept(CHANGE_OF) : Optional.empty();
    }

    /** The type of the event that announces {@code change}. */
    static Class<? extends OrganisationEvent> eventType(Change change) {
        return change.accept(EVENT_TYPE);
    }

    private static final Change.Visitor<Class<? extends OrganisationEvent>> EVENT_TYPE = new Change.Visitor<>() {
        @Override
        public Class<? extends OrganisationEvent> awarded(Change.Awarded change) {
            return change.tier() == Tier.GOLD ? GoldAwarded.class : CertificationGranted.class;
        }

        @Override
        public Class<? extends OrganisationEvent> superseded(Change.Superseded change) {
            return CertificateSuperseded.class;
        }

        @Override
        public Class<? extends OrganisationEvent> suspended(Change.Suspended change) {
            return CertificationSuspended.class;
        }

        @Override
        public Class<? extends OrganisationEvent> reinstated(Change.Reinstated change) {
            return CertificationReinstated.class;
        }

        @Override
        public Class<? extends OrganisationEvent> withdrawn(Change.Withdrawn change) {
            return CertificationWithdrawn.class;
        }

        @Override
        public Class<? extends OrganisationEvent> expired(Change.Expired change) {
            return CertificationExpired.class;
        }
    };

    /** Certification's own announcements are changes; every other event is none. */
    private static final LedgerEventVisitor<Optional<Change>> CHANGE_OF = new LedgerEventVisitor<>() {
        @Override
        public Optional<Change> visit(GoldAwarded g) {
            return Optional.of(new Change.Awarded(g.certificateNumber(), g.effectiveOn(), Tier.GOLD,
                    g.standardVersion(), g.validUntil(), g.auditId()));
        }

        @Override
        public Optional<Change> visit(CertificationGranted c) {
            return Optional.of(new Change.Awarded(c.certificateNumber(), c.effectiveOn(), Tier.CERTIFIED,
                    c.standardVersion(), c.validUntil(), c.auditId()));
        }

        @Override
        public Optional<Change> visit(CertificateSuperseded s) {
            return Optional.of(new Change.Superseded(s.certificateNumber(), s.effectiveOn(), s.supersededBy()));
        }

        @Override
        public Optional<Change> visit(CertificationSuspended s) {
            return Optional.of(new Change.Suspended(s.certificateNumber(), s.effectiveOn(), s.cause(), s.causeId()));
        }

        @Override
        public Optional<Change> visit(CertificationReinstated r) {
            return Optional.of(new Change.Reinstated(r.certificateNumber(), r.effectiveOn(), r.healthCheckId()));
        }

        @Override
        public Optional<Change> visit(CertificationWithdrawn w) {
            return Optional.of(new Change.Withdrawn(w.certificateNumber(), w.effectiveOn()));
        }

        @Override
        public Optional<Change> visit(CertificationExpired e) {
            return Optional.of(new Change.Expired(e.certificateNumber(), e.effectiveOn()));
        }

        /** A revocation withdraws an announced change; it is not one (the aggregate handles it on its own). */
        @Override
        public Optional<Change> visit(CertificationChangeRevoked event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(OrganisationRegistered event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(AuditScored event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(AuditCorrected event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(AuditWithdrawn event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(HealthCheckPassed event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(HealthCheckFailed event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(HealthCheckCorrected event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(HealthCheckWithdrawn event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(ProfessionalCertified event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(EmploymentStarted event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(EmploymentEnded event) {
            return Optional.empty();
        }

        @Override
        public Optional<Change> visit(AwardWon event) {
            return Optional.empty();
        }
    };
}
