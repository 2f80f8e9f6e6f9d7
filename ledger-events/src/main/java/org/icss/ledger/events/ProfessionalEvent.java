package org.icss.ledger.events;

/** An event about one CCSM professional; keyed by the professional. */
public sealed interface ProfessionalEvent extends LedgerEvent permits ProfessionalCertified {

    ProfessionalId professionalId();

    @Override
    default String partitionKey() {
        return professionalId().value();
    }
}
