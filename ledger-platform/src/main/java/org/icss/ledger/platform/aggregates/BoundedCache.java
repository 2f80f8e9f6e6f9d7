package org.icss.ledger.platform.aggregates;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An in-memory {@link Cache} that holds at most {@code maxEntries} entries and drops the least recently used one when
 * full. Axon ships a weak-reference cache, whose entries the serial collector of a small heap clears at every
 * collection (so a busy service would miss it most of the time), and adapters for EhCache and JCache, which would
 * bring a cache library for what is a bounded map here.
 */
public class BoundedCache implements Cache {

    private final int maxEntries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();
    private final LinkedHashMap<Object, Object> entries;

    public BoundedCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                boolean full = size() > BoundedCache.this.maxEntries;
                if (full) {
                    listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                }
                return full;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            remove(key);
            return;
        }
        Object previous = entries.put(key, value);
        if (previous == null) {
            listeners.forEach(listener -> listener.onEntryCreated(key, value));
        } else {
            listeners.forEach(listener -> listener.onEntryUpdated(key, value));
        }
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T value = get(key);
        if (value == null) {
            value = valueSupplier.get();
            put(key, value);
        }
        return value;
    }

    @Override
    public synchronized boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public synchronized void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V value = get(key);
        if (value != null) {
            put(key, update.apply(value));
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
