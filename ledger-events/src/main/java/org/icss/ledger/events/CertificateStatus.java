package org.icss.ledger.events;

/** Status of a certificate (the vocabulary of accredited-certification registries, ISO/IEC 17021-1). */
public enum CertificateStatus {
    ACTIVE,
    SUSPENDED,
    WITHDRAWN,
    EXPIRED,
    /** replaced by a later award (DOMAIN.md rule 2); not a status a registry shows as such */
    SUPERSEDED
}
