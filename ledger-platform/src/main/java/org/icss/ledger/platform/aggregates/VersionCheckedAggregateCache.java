package org.icss.ledger.platform.aggregates;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The aggregate cache of one aggregate type, safe with several replicas on one event store.
 * <p>
 * Axon's caching repository uses a cached aggregate as it is. With one replica that is right: every append goes
 * through that repository, under its lock. With several, another replica may have appended to the organisation since
 * this one cached it, and a command decided on the stale state could be refused wrongly (a correction of an audit
 * this replica has not seen) without ever reaching the append that would have failed on the conflict. So before a
 * cached aggregate is used, its version is compared with the last sequence number in the event store (one indexed
 * lookup, {@code lastSequenceNumberFor}, in the command's own transaction); an entry that is behind is dropped and the
 * aggregate is loaded from its snapshot and the events after it.
 * <p>
 * What is left is the race between that check and the append: another replica appending in between. The append then
 * fails on the event store's unique (aggregate, sequence number) key, the command's unit of work rolls back, Axon's
 * repository drops the cache entry on rollback, and the command is refused as a transient failure (503 with
 * Retry-After over HTTP; a consuming processor retries its batch): nothing is appended twice or lost, and the retry
 * loads the aggregate afresh.
 * <p>
 * The version is read from Axon's {@link AggregateCacheEntry}, which keeps it private; the pinned Axon version is
 * checked by {@code VersionCheckedAggregateCacheTest}. Should a later Axon rename the field, {@link #readable()} is
 * false and the cache keeps nothing (every command loads from the store, still correctly).
 */
public class VersionCheckedAggregateCache implements Cache {

    private static final Logger log = LoggerFactory.getLogger(VersionCheckedAggregateCache.class);
    private static final VarHandle VERSION = versionHandle();

    private final Cache entries;
    private final Function<String, Optional<Long>> lastSequenceNumber;

    /**
     * @param entries            where the entries are kept
     * @param lastSequenceNumber the last sequence number the event store holds for an aggregate identifier
     */
    public VersionCheckedAggregateCache(Cache entries, Function<String, Optional<Long>> lastSequenceNumber) {
        this.entries = entries;
        this.lastSequenceNumber = lastSequenceNumber;
    }

    /** Whether the version of Axon's cache entries can be read, so that entries can be checked and kept. */
    public static boolean readable() {
        return VERSION != null;
    }

    @Override
    public <K, V> V get(K key) {
        V value = entries.get(key);
        if (value instanceof AggregateCacheEntry<?> entry) {
            Long cached = (Long) VERSION.get(entry);
            Long stored = lastSequenceNumber.apply(key.toString()).orElse(null);
            if (!Objects.equals(cached, stored)) {
                log.debug("cached aggregate {} is at version {}, the event store at {}: loading it afresh", key,
                        cached, stored);
                entries.remove(key);
                return null;
            }
        }
        return value;
    }

    @Override
    public void put(Object key, Object value) {
        if (readable()) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return readable() && entries.putIfAbsent(key, value);
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T value = get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return value;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key);
    }

    @Override
    public void removeAll() {
        entries.removeAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, update);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        return entries.registerCacheEntryListener(listener);
    }

    private static VarHandle versionHandle() {
        try {
            return MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                    .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("the version of Axon's aggregate cache entries cannot be read ({}); aggregates are not cached",
                    e.toString());
            return null;
        }
    }
}
