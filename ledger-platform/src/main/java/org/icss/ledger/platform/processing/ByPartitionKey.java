package org.icss.ledger.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.icss.ledger.events.LedgerEvent;

/**
 * The sequence of an event is its {@link LedgerEvent#partitionKey()} (the organisation, or the professional), the
 * same key its Kafka record has: one organisation's events are handled in order by one segment of a processor, and
 * when one of them is dead-lettered, only that organisation's later events wait behind it. Other events fall back
 * to Axon's per-aggregate sequencing.
 */
public final class ByPartitionKey implements SequencingPolicy<EventMessage<?>> {

    private static final SequentialPerAggregatePolicy FALLBACK = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload;
        try {
            payload = event.getPayload();
        } catch (RuntimeException unreadable) {
            // a record whose payload cannot be read: a sequence of its own, so that its handler fails, it is
            // dead-lettered like any other poison record, and nothing else waits for it
            return event.getIdentifier();
        }
        if (payload instanceof LedgerEvent ledgerEvent && ledgerEvent.partitionKey() != null) {
            return ledgerEvent.partitionKey();
        }
        return FALLBACK.getSequenceIdentifierFor(event);
    }
}
