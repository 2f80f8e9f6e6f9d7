package org.icss.ledger.platform.security;

import org.icss.ledger.events.MemberBody;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Optional;
import java.util.function.Function;

/**
 * Authorization by ownership: a member body's key may write for an organisation only if that member body registered
 * it. Use on a path with an {@code {organisationId}} variable. An organisation the service does not know is let
 * through to the controller, which answers 404: whether an id exists is not a secret worth a 403.
 */
public final class MemberBodyAccess {

    private MemberBodyAccess() {
    }

    /**
     * @param registeredBy the member body that registered an organisation, by organisation id
     */
    public static AuthorizationManager<RequestAuthorizationContext> registeringMemberBody(
            Function<String, Optional<MemberBody>> registeredBy) {
        return (authentication, context) -> {
            Authentication auth = authentication.get();
            if (auth == null || !(auth.getPrincipal() instanceof ApiCaller caller)
                    || caller.role() != ApiKeyRole.MEMBER_BODY) {
                return new AuthorizationDecision(false);
            }
            String organisationId = context.getVariables().get("organisationId");
            return new AuthorizationDecision(mayWriteFor(caller, organisationId == null ? Optional.empty()
                    : registeredBy.apply(organisationId)));
        };
    }

    /**
     * Whether a member body's key may write for an organisation that {@code owner} registered: only its own; an
     * organisation nobody registered is let through (the write answers 404). For endpoints that name organisations in
     * the body rather than the path (audit-service's bulk import, line by line).
     */
    public static boolean mayWriteFor(ApiCaller caller, Optional<MemberBody> owner) {
        return caller.role() == ApiKeyRole.MEMBER_BODY
                && owner.map(body -> body == caller.memberBody()).orElse(true);
    }

    /**
     * Reading what was posted about an organisation: compliance staff and administrators always, a member body's key
     * only for the organisations that member body registered (an unknown organisation is let through to its 404).
     */
    public static AuthorizationManager<RequestAuthorizationContext> readableBy(
            Function<String, Optional<MemberBody>> registeredBy) {
        AuthorizationManager<RequestAuthorizationContext> owner = registeringMemberBody(registeredBy);
        return (authentication, context) -> {
            Authentication auth = authentication.get();
            if (auth != null && auth.getPrincipal() instanceof ApiCaller caller
                    && (caller.role() == ApiKeyRole.COMPLIANCE || caller.role() == ApiKeyRole.ADMIN)) {
                return new AuthorizationDecision(true);
            }
            return owner.check(authentication, context);
        };
    }

    /** The member body of the current request's key, or a 403 if the key is not a member body's. */
    public static MemberBody callerMemberBody() {
        return ApiCaller.current().map(ApiCaller::memberBody).orElseThrow(() -> org.icss.ledger.platform.Rejected
                .forbidden("Only a member body's key may do this."));
    }
}
