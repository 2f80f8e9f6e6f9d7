package org.icss.ledger.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The per-client token bucket behind the public lookups' rate limit, on a hand-driven clock. */
class TokenBucketLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);

    private TokenBucketLimiter limiter(long capacity, Duration period, int maxClients) {
        return new TokenBucketLimiter(capacity, period, maxClients, now::get);
    }

    static Stream<Arguments> bursts() {
        // capacity, refill period (s), requests at once, pause (ms), requests after the pause, allowed in all, last retry-after
        return Stream.of(
                Arguments.of(5, 1, 5, 0, 0, 5, 0),
                Arguments.of(5, 1, 6, 0, 0, 5, 1),
                Arguments.of(5, 1, 5, 200, 1, 6, 0),
                Arguments.of(5, 1, 5, 200, 2, 6, 1),
                Arguments.of(10, 60, 10, 0, 1, 10, 6),
                Arguments.of(10, 60, 10, 6_000, 1, 11, 0),
                Arguments.of(3, 1, 3, 10_000, 4, 6, 1),
                Arguments.of(1, 3600, 2, 0, 0, 1, 3600));
    }

    @ParameterizedTest(name = "capacity {0}/{1}s: {2} now, {4} after {3} ms -> {5} allowed")
    @MethodSource("bursts")
    void allowsTheCapacityAtOnceAndRefillsContinuously(long capacity, long periodSeconds, int first, long pauseMillis,
                                                       int second, int allowed, long lastRetryAfter) {
        TokenBucketLimiter limiter = limiter(capacity, Duration.ofSeconds(periodSeconds), 100);
        int ok = 0;
        TokenBucketLimiter.Decision last = null;
        for (int i = 0; i < first; i++) {
            last = limiter.tryAcquire("10.0.0.1");
            ok += last.allowed() ? 1 : 0;
        }
        now.addAndGet(pauseMillis * 1_000_000L);
        for (int i = 0; i < second; i++) {
            last = limiter.tryAcquire("10.0.0.1");
            ok += last.allowed() ? 1 : 0;
        }
        assertThat(ok).isEqualTo(allowed);
        assertThat(last.retryAfterSeconds()).isEqualTo(lastRetryAfter);
    }

    @Test
    void clientsHaveTheirOwnBuckets() {
        TokenBucketLimiter limiter = limiter(2, Duration.ofSeconds(1), 100);
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void dropsOnlyIdleBucketsWhenTooManyClientsAreTracked() {
        TokenBucketLimiter limiter = limiter(2, Duration.ofSeconds(1), 2);
        limiter.tryAcquire("busy");
        limiter.tryAcquire("busy");
        limiter.tryAcquire("idle");
        now.addAndGet(SECOND / 10);
        limiter.tryAcquire("newcomer");
        assertThat(limiter.trackedClients()).isEqualTo(3);
        now.addAndGet(5 * SECOND);
        limiter.tryAcquire("another");
        // all refilled and idle: only the newcomer that just asked remains
        assertThat(limiter.trackedClients()).isEqualTo(1);
    }

    @Test
    void busyClientsKeepTheirDebtWhenOthersAreEvicted() {
        TokenBucketLimiter limiter = limiter(2, Duration.ofSeconds(10), 1);
        limiter.tryAcquire("busy");
        limiter.tryAcquire("busy");
        limiter.tryAcquire("other");
        assertThat(limiter.tryAcquire("busy").allowed()).isFalse();
    }

    @Test
    void aClockGoingBackwardsGivesNoTokens() {
        TokenBucketLimiter limiter = limiter(1, Duration.ofSeconds(1), 10);
        assertThat(limiter.tryAcquire("x").allowed()).isTrue();
        now.addAndGet(-10 * SECOND);
        assertThat(limiter.tryAcquire("x").allowed()).isFalse();
    }

    @Test
    void refusesANonsenseConfiguration() {
        assertThatThrownBy(() -> limiter(0, Duration.ofSeconds(1), 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter(1, Duration.ZERO, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
