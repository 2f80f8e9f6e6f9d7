package org.icss.ledger.certification.query.professional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.icss.ledger.events.EmploymentEnded;
import org.icss.ledger.events.EmploymentStarted;
import org.icss.ledger.events.ProfessionalCertified;
import org.icss.ledger.events.ProfessionalId;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one professional's credentials and employments from the professional's own event stream (the events the
 * {@code Professional} aggregate applied), rather than from a projection table: a professional has a handful of
 * events, a read always sees the writes before it, and there is no second copy to keep in step or rebuild.
 * <p>
 * Reads from sequence number 0, which Axon's event store serves from the events alone, never from a snapshot, so
 * snapshotting the aggregate later cannot change what this reader sees.
 */
@Component
public class ProfessionalHistoryReader {

    private final EventStore eventStore;

    public ProfessionalHistoryReader(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The professional's history; both lists are empty for an id without events. */
    public ProfessionalHistory history(ProfessionalId professionalId) {
        List<CredentialView> credentials = new ArrayList<>();
        Map<String, EmploymentView> employments = new LinkedHashMap<>();
        eventStore.readEvents(professionalId.value(), 0).asStream().map(DomainEventMessage::getPayload)
                .forEach(payload -> {
                    if (payload instanceof ProfessionalCertified certified) {
                        credentials.add(new CredentialView(certified.credentialId(), certified.effectiveOn(),
                                certified.validUntil(), certified.recordedAt()));
                    } else if (payload instanceof EmploymentStarted started) {
                        employments.put(started.employmentId(), new EmploymentView(started.employmentId(),
                                started.organisationId().value(), started.effectiveOn(), null));
                    } else if (payload instanceof EmploymentEnded ended) {
                        employments.computeIfPresent(ended.employmentId(),
                                (id, employment) -> employment.endedOn(ended.effectiveOn()));
                    }
                });
        credentials.sort(Comparator.comparing(CredentialView::certifiedOn));
        List<EmploymentView> byStart = new ArrayList<>(employments.values());
        byStart.sort(Comparator.comparing(EmploymentView::startedOn));
        return new ProfessionalHistory(List.copyOf(credentials), List.copyOf(byStart));
    }
}
