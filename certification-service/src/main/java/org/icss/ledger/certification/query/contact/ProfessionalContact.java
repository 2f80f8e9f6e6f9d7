package org.icss.ledger.certification.query.contact;

import org.icss.ledger.events.ProfessionalId;

import java.time.Instant;

/**
 * The personal data held for one CCSM professional, outside the event stream so that it can be erased.
 *
 * @param name     null once erased
 * @param email    null once erased
 * @param erasedAt when the personal data was erased; null while it is held
 */
public record ProfessionalContact(ProfessionalId professionalId, String name, String email, Instant erasedAt) {

    public boolean erased() {
        return erasedAt != null;
    }
}
