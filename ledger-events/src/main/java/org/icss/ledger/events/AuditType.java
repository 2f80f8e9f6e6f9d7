package org.icss.ledger.events;

/** Why an audit was made. Only certification and re-certification audits can award a certificate. */
public enum AuditType {
    CERTIFICATION,
    RECERTIFICATION,
    ANNUAL;

    public boolean canAward() {
        return this != ANNUAL;
    }
}
