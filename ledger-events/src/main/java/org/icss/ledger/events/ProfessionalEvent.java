package org.icss.ledger.events;

/** An event about one CCSM professional; keyed by the professional. */
public interface ProfessionalEvent extends LedgerEvent {

    ProfessionalId professionalId();

    @Override
    default String partitionKey() {
        return professionalId().value();
    }
}
