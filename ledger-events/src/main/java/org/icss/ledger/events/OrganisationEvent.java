package org.icss.ledger.events;

/** An event about one organisation; keyed by the organisation, so one organisation's events stay in order. */
public interface OrganisationEvent extends LedgerEvent {

    OrganisationId organisationId();

    @Override
    default String partitionKey() {
        return organisationId().value();
    }
}
