package org.icss.ledger.registry.query.notifications;

import java.time.Duration;
import java.time.Instant;

/**
 * When a webhook delivery is tried again, and when its subscription counts as failing: pure functions of the attempt
 * count, a jitter drawn by the caller and the configured schedule, so they are tested with a table
 * ({@code DeliveryRetryPolicyTest}).
 * <p>
 * The step doubles from {@code first} after every failed attempt, up to {@code max}; the delay is half the step plus
 * a random share of the other half ("equal jitter": never zero, never more than the step), so receivers that went
 * down together are not hit again together. Deliveries are never given up: once the first failure of the delivery at
 * the head of a subscription is {@code failingAfter} old (24 hours by default), the subscription is marked FAILING
 * and its owner sees it, and attempts go on every {@code max} or so; a success makes it ACTIVE again.
 */
public final class DeliveryRetryPolicy {

    /**
     * @param first        the step after the first failure
     * @param max          the longest step
     * @param failingAfter how long after a delivery's first failure the subscription counts as failing
     */
    public record Schedule(Duration first, Duration max, Duration failingAfter) {

        public Schedule {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("a schedule needs 0 < first <= max");
            }
        }
    }

    /** What an answer of the receiver means. */
    public enum Outcome { DELIVERED, RETRY }

    private DeliveryRetryPolicy() {
    }

    /** The step after {@code failedAttempts} failures (at least 1): first, 2 first, 4 first... up to max. */
    public static Duration step(int failedAttempts, Schedule schedule) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no failed attempt yet");
        }
        long maxMillis = schedule.max().toMillis();
        long step = schedule.first().toMillis();
        // at most 40 doublings: enough to reach any cap, and step stays far from overflowing
        for (int i = 1; i < Math.min(failedAttempts, 41); i++) {
            step = Math.min(step * 2, maxMillis);
        }
        return Duration.ofMillis(step);
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures: half the step plus {@code jitter} (in
     * [0, 1)) times the other half.
     */
    public static Duration delayAfter(int failedAttempts, double jitter, Schedule schedule) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter is in [0, 1)");
        }
        long step = step(failedAttempts, schedule).toMillis();
        long half = step / 2;
        return Duration.ofMillis(half + (long) ((step - half) * jitter));
    }

    /** Whether a subscription whose oldest undelivered failure happened at {@code firstFailedAt} counts as failing. */
    public static boolean failing(Instant firstFailedAt, Instant now, Schedule schedule) {
        return !now.isBefore(firstFailedAt.plus(schedule.failingAfter()));
    }

    /** A 2xx answer delivers; anything else (another status, a time-out, a refused connection) is tried again. */
    public static Outcome outcome(int statusCode) {
        return statusCode >= 200 && statusCode < 300 ? Outcome.DELIVERED : Outcome.RETRY;
    }
}
