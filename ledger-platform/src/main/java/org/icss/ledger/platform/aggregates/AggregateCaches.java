package org.icss.ledger.platform.aggregates;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Makes the cache of each aggregate type ({@code @Aggregate(cache = ...)}): a {@link VersionCheckedAggregateCache}
 * over a {@link BoundedCache} of {@code icss.aggregates.cache-size} entries, or no cache when that is 0. A service
 * declares one bean per aggregate type, e.g. {@code @Bean Cache organisationCache(AggregateCaches caches)}.
 */
public class AggregateCaches {

    private final LedgerAggregateProperties properties;
    private final ObjectProvider<EventStore> eventStore;

    public AggregateCaches(LedgerAggregateProperties properties, ObjectProvider<EventStore> eventStore) {
        this.properties = properties;
        this.eventStore = eventStore;
    }

    public Cache newCache() {
        if (properties.cacheSize() == 0) {
            return NoCache.INSTANCE;
        }
        return new VersionCheckedAggregateCache(new BoundedCache(properties.cacheSize()),
                aggregateId -> eventStore.getObject().lastSequenceNumberFor(aggregateId));
    }
}
