package org.icss.ledger.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.messaging.MetaData;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.icss.ledger.events.LedgerEvent;

/**
 * The sequence of an event is its {@link LedgerEvent#partitionKey()} (the organisation, or the professional), the
 * same key its Kafka record has: one organisation's events are handled in order by one segment of a processor, and
 * when one of them is dead-lettered, only that organisation's later events wait behind it. Other events fall back
 * to Axon's per-aggregate sequencing.
 * <p>
 * An event consumed from Kafka carries its record's key in its meta-data ({@value #RECORD_KEY},
 * {@link RecordKeyMessageConverter}); that key is the same partition key, so it is taken without reading the payload.
 * A record whose payload cannot be read is then parked in its organisation's sequence when it fails, and the
 * organisation's later records wait behind it until it is retried or skipped (their order is kept); a record without
 * a key, whose payload cannot be read, is a sequence of its own.
 */
public final class ByPartitionKey implements SequencingPolicy<EventMessage<?>> {

    /** The meta-data entry of a consumed event that holds its Kafka record's key. */
    public static final String RECORD_KEY = "kafkaRecordKey";

    private static final SequentialPerAggregatePolicy FALLBACK = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        MetaData metaData = event.getMetaData();
        if (metaData != null && metaData.get(RECORD_KEY) instanceof String key && !key.isEmpty()) {
            return key;
        }
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
