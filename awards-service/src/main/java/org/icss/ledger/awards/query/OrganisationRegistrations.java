package org.icss.ledger.awards.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.icss.ledger.events.OrganisationRegistered;
import org.icss.ledger.platform.KnownOrganisations;
import org.icss.ledger.platform.ProcessedEvents;
import org.springframework.stereotype.Component;

/**
 * Reads audit-service's topic (tracking processor {@value #GROUP}) so that awards-service knows which
 * organisations exist: an award for an organisation nobody registered is refused. Idempotent by event id.
 */
@Component
@ProcessingGroup(OrganisationRegistrations.GROUP)
public class OrganisationRegistrations {

    public static final String GROUP = "audit-events";

    private final KnownOrganisations organisations;
    private final ProcessedEvents processed;

    public OrganisationRegistrations(KnownOrganisations organisations, ProcessedEvents processed) {
        this.organisations = organisations;
        this.processed = processed;
    }

    @EventHandler
    void on(OrganisationRegistered registered) {
        if (processed.firstDelivery(GROUP, registered.eventId())) {
            organisations.record(registered);
        }
    }
}
