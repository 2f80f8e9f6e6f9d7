package org.icss.ledger.platform.security;

/**
 * What a key may do. A {@link #MEMBER_BODY} key belongs to one member body and writes only for the organisations that
 * member body registered; {@link #SECRETARIAT} posts award winners; {@link #COMPLIANCE} reads the compliance history
 * and runs operations; {@link #ADMIN} manages keys and runs operations; {@link #WATCHER} is a
 * third party's key (issued by an administrator) that may only subscribe to named organisations' public standing in
 * registry-query's notifications. One role per key.
 */
public enum ApiKeyRole {
    MEMBER_BODY, SECRETARIAT, COMPLIANCE, ADMIN, WATCHER;

    /** The Spring Security authority of the role, e.g. {@code ROLE_MEMBER_BODY}. */
    public String authority() {
        return "ROLE_" + name();
    }
}
