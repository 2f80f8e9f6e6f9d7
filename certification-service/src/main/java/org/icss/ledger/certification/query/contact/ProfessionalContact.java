package org.icss.ledger.certification.query.contact;

import org.icss.ledger.events.MemberBody;
import org.icss.ledger.events.ProfessionalId;
import org.icss.ledger.platform.security.ApiCaller;
import org.icss.ledger.platform.security.ApiKeyRole;

import java.time.Instant;

/**
 * The personal data held for one CCSM professional, outside the event stream so that it can be erased, and the member
 * body that registered the professional, who decides what others may do with it.
 *
 * @param name         null once erased
 * @param email        null once erased
 * @param erasedAt     when the personal data was erased; null while it is held
 * @param registeredBy the member body whose key registered the professional; null for rows from before it was kept
 */
public record ProfessionalContact(ProfessionalId professionalId, String name, String email, Instant erasedAt,
                                  MemberBody registeredBy) {

    public boolean erased() {
        return erasedAt != null;
    }

    /**
     * Who may change the professional (credentials, employments) or erase the personal data: the member body that
     * registered the professional, and ADMIN. Another member body's key gets 403.
     */
    public boolean changeableBy(ApiCaller caller) {
        return caller.role() == ApiKeyRole.ADMIN || registeredByCallersMemberBody(caller);
    }

    /** Who may read the name and email: the member body that registered the professional, COMPLIANCE and ADMIN. */
    public boolean personalDataReadableBy(ApiCaller caller) {
        return caller.role() == ApiKeyRole.ADMIN || caller.role() == ApiKeyRole.COMPLIANCE
                || registeredByCallersMemberBody(caller);
    }

    private boolean registeredByCallersMemberBody(ApiCaller caller) {
        return caller.role() == ApiKeyRole.MEMBER_BODY && registeredBy != null && registeredBy == caller.memberBody();
    }
}
