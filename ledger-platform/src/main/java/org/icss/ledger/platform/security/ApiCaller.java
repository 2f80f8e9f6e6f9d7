package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/**
 * Who sent the request: the id of the key (never the key itself), its role and, for a member body's key, the member
 * body. The principal of the request's {@link Authentication}.
 *
 * @param keyId      the public id of the key
 * @param role       what the key may do
 * @param memberBody the member body of a {@link ApiKeyRole#MEMBER_BODY} key, else null
 */
public record ApiCaller(String keyId, ApiKeyRole role, MemberBody memberBody) {

    /** The caller of the current request, if it presented a valid key. */
    public static Optional<ApiCaller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof ApiCaller caller
                ? Optional.of(caller) : Optional.empty();
    }

    /**
     * Whose requests these are, for Idempotency-Key: the member body (so a rotated key keeps its idempotency keys),
     * else the role.
     */
    public String client() {
        return memberBody != null ? "member-body:" + memberBody.name() : "role:" + role.name();
    }

    @Override
    public String toString() {
        return role + (memberBody == null ? "" : " " + memberBody) + " key " + keyId;
    }
}
