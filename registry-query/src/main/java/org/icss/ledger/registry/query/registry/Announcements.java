package org.icss.ledger.registry.query.registry;

import org.icss.ledger.events.CertificateStatus;
import org.icss.ledger.events.OrganisationEvent;
import org.icss.ledger.events.Tier;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What the projection and {@link Standings} tell the notifications' outbox, inside the transaction that writes the
 * rows it is about (so an announcement is stored exactly when its change is). Each is told for every generation
 * written; the outbox keeps only those of the generation that answers, so a replay announces nothing again.
 */
public interface Announcements {

    Announcements NONE = new Announcements() {
        @Override
        public void certificateEvent(String schema, OrganisationEvent event, String summary) {
        }

        @Override
        public void standingsChanged(String schema, List<StandingChange> changes) {
        }
    };

    /**
     * An organisation's standing today changed (tier, Platinum included, or status): by an event, or by the day
     * rolling over (an expiry, a Platinum condition running out).
     *
     * @param businessDate the day the new standing began
     * @param reason       why, as the registry's timeline says it
     * @param causes       the events behind the new standing's tier
     */
    record StandingChange(String organisationId, String organisationName, String memberBody, Tier tierBefore,
                          CertificateStatus statusBefore, Tier tierAfter, CertificateStatus statusAfter,
                          String certificateNumber, LocalDate businessDate, String reason, List<UUID> causes) {
    }

    /** A certificate event the projection applied ({@code summary}: its line in the compliance history). */
    void certificateEvent(String schema, OrganisationEvent event, String summary);

    void standingsChanged(String schema, List<StandingChange> changes);
}
