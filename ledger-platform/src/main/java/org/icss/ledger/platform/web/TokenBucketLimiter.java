package org.icss.ledger.platform.web;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client: {@code capacity} requests at once, refilled continuously at capacity per
 * {@code refillPeriod}. Kept in memory, per service instance. At most {@code maxClients} buckets; past that the full
 * (idle) ones are dropped, which forgets nothing that limits anyone.
 */
public class TokenBucketLimiter {

    /** Allowed, or refused with the whole seconds until a request would be allowed. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedNanos = now;
        }
    }

    private final long capacity;
    private final double tokensPerNano;
    private final int maxClients;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketLimiter(long capacity, Duration refillPeriod, int maxClients, LongSupplier nanoTime) {
        if (capacity < 1 || refillPeriod.isZero() || refillPeriod.isNegative()) {
            throw new IllegalArgumentException("capacity must be at least 1 and the refill period positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = (double) capacity / refillPeriod.toNanos();
        this.maxClients = maxClients;
        this.nanoTime = nanoTime;
    }

    public Decision tryAcquire(String client) {
        long now = nanoTime.getAsLong();
        if (buckets.size() >= maxClients && !buckets.containsKey(client)) {
            evictFull(now);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(capacity, now));
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, 0);
            }
            double nanosToOne = (1 - bucket.tokens) / tokensPerNano;
            return new Decision(false, Math.max(1, (long) Math.ceil(nanosToOne / 1_000_000_000d)));
        }
    }

    private void refill(Bucket bucket, long now) {
        long elapsed = Math.max(0, now - bucket.updatedNanos);
        bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * tokensPerNano);
        bucket.updatedNanos = now;
    }

    private void evictFull(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next();
            synchronized (bucket) {
                refill(bucket, now);
                if (bucket.tokens >= capacity) {
                    it.remove();
                }
            }
        }
    }

    int trackedClients() {
        return buckets.size();
    }
}
