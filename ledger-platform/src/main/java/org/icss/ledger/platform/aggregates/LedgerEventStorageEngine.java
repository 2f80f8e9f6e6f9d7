package org.icss.ledger.platform.aggregates;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Axon's JDBC event storage as the services use it, with one difference: a snapshot that no longer reads (an
 * aggregate's fields changed without a new {@code @Revision}) is passed over with a warning, and the aggregate is
 * loaded from its events, instead of failing every command on that aggregate. Axon reads a snapshot's payload only
 * when the aggregate is built from it, after its own fallback for unreadable snapshots, so the payload is read here.
 */
public class LedgerEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(LedgerEventStorageEngine.class);

    public LedgerEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = super.readSnapshot(aggregateIdentifier);
        try {
            snapshot.ifPresent(DomainEventMessage::getPayload);
            return snapshot;
        } catch (RuntimeException | LinkageError unreadable) {
            log.warn("the snapshot of aggregate {} cannot be read ({}); loading it from its events",
                    aggregateIdentifier, unreadable.toString());
            return Optional.empty();
        }
    }
}
