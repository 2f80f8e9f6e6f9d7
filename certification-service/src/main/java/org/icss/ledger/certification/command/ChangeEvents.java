package org.icss.ledger.certification.command;

import org.icss.ledger.events.CertificateSuperseded;
import org.icss.ledger.events.CertificationExpired;
import org.icss.ledger.events.CertificationGranted;
import org.icss.ledger.events.CertificationReinstated;
import org.icss.ledger.events.CertificationSuspended;
import org.icss.ledger.events.CertificationWithdrawn;
import org.icss.ledger.events.EventIds;
import org.icss.ledger.events.GoldAwarded;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.OrganisationId;
import org.icss.ledger.events.Tier;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.icss.ledger.rules.Change;

/** Translates between the timeline's {@link Change}s and the published events that announce them. */
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
        if (change instanceof Change.Awarded a) {
            return a.tier() == Tier.GOLD
                    ? new GoldAwarded(org, id, a.on(), recordedAt, a.certificate(), a.standard(), a.validUntil(),
                    a.auditId())
                    : new CertificationGranted(org, id, a.on(), recordedAt, a.certificate(), a.standard(),
                    a.validUntil(), a.auditId());
        } else if (change instanceof Change.Superseded s) {
            return new CertificateSuperseded(org, id, s.on(), recordedAt, s.certificate(), s.by());
        } else if (change instanceof Change.Suspended s) {
            return new CertificationSuspended(org, id, s.on(), recordedAt, s.certificate(), s.cause(), s.causeId());
        } else if (change instanceof Change.Reinstated r) {
            return new CertificationReinstated(org, id, r.on(), recordedAt, r.certificate(), r.healthCheckId());
        } else if (change instanceof Change.Withdrawn w) {
            return new CertificationWithdrawn(org, id, w.on(), recordedAt, w.certificate());
        } else if (change instanceof Change.Expired e) {
            return new CertificationExpired(org, id, e.on(), recordedAt, e.certificate());
        }
        throw new IllegalArgumentException("unknown change " + change);
    }

    /** The change an announcing event stands for; empty for any other event. */
    public static Optional<Change> changeOf(Object event) {
        if (event instanceof GoldAwarded g) {
            return Optional.of(new Change.Awarded(g.certificateNumber(), g.effectiveOn(), Tier.GOLD,
                    g.standardVersion(), g.validUntil(), g.auditId()));
        } else if (event instanceof CertificationGranted c) {
            return Optional.of(new Change.Awarded(c.certificateNumber(), c.effectiveOn(), Tier.CERTIFIED,
                    c.standardVersion(), c.validUntil(), c.auditId()));
        } else if (event instanceof CertificateSuperseded s) {
            return Optional.of(new Change.Superseded(s.certificateNumber(), s.effectiveOn(), s.supersededBy()));
        } else if (event instanceof CertificationSuspended s) {
            return Optional.of(new Change.Suspended(s.certificateNumber(), s.effectiveOn(), s.cause(), s.causeId()));
        } else if (event instanceof CertificationReinstated r) {
            return Optional.of(new Change.Reinstated(r.certificateNumber(), r.effectiveOn(), r.healthCheckId()));
        } else if (event instanceof CertificationWithdrawn w) {
            return Optional.of(new Change.Withdrawn(w.certificateNumber(), w.effectiveOn()));
        } else if (event instanceof CertificationExpired e) {
            return Optional.of(new Change.Expired(e.certificateNumber(), e.effectiveOn()));
        }
        return Optional.empty();
    }

    static Class<? extends OrganisationEvent> eventType(Change change) {
        if (change instanceof Change.Awarded a) {
            return a.tier() == Tier.GOLD ? GoldAwarded.class : CertificationGranted.class;
        } else if (change instanceof Change.Superseded) {
            return CertificateSuperseded.class;
        } else if (change instanceof Change.Suspended) {
            return CertificationSuspended.class;
        } else if (change instanceof Change.Reinstated) {
            return CertificationReinstated.class;
        } else if (change instanceof Change.Withdrawn) {
            return CertificationWithdrawn.class;
        }
        return CertificationExpired.class;
    }
}
