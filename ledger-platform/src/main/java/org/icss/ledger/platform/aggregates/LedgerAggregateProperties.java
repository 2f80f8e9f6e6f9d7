package org.icss.ledger.platform.aggregates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How aggregates are loaded for a command: every {@code icss.aggregates.*} setting.
 *
 * @param cacheSize     aggregates of each type kept in memory between commands (least recently used dropped first); a
 *                      cached aggregate is used after one indexed check of its version against the event store.
 *                      0: none, every command loads its aggregate from the store
 * @param snapshotEvery a snapshot of an aggregate after this many events since its last one, so that loading it from
 *                      the store (after a restart, on another replica, when it fell out of the cache) reads the
 *                      snapshot and fewer than this many events. 0: no snapshots
 * @param snapshotQueue snapshots waiting to be taken at most; more are dropped (they are taken again later)
 */
@ConfigurationProperties("icss.aggregates")
public record LedgerAggregateProperties(
        @DefaultValue("1000") int cacheSize,
        @DefaultValue("50") int snapshotEvery,
        @DefaultValue("1000") int snapshotQueue) {

    public LedgerAggregateProperties {
        if (cacheSize < 0 || snapshotEvery < 0 || snapshotQueue < 1) {
            throw new IllegalArgumentException("icss.aggregates: cache-size and snapshot-every must be 0 or more, "
                    + "snapshot-queue at least 1");
        }
    }
}
