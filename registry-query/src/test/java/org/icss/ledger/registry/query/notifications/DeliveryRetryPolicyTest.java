package org.icss.ledger.registry.query.notifications;

import org.icss.ledger.registry.query.notifications.DeliveryRetryPolicy.Outcome;
import org.icss.ledger.registry.query.notifications.DeliveryRetryPolicy.Schedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveryRetryPolicyTest {

    /** The defaults: 5 s doubling to 1 h, failing after 24 h. */
    private static final Schedule DEFAULT = new Schedule(Duration.ofSeconds(5), Duration.ofHours(1),
            Duration.ofHours(24));

    @ParameterizedTest(name = "after {0} failures the step is {1}")
    @CsvSource({
            "1, PT5S",      // the first step
            "2, PT10S",     // doubles
            "3, PT20S",
            "4, PT40S",
            "8, PT10M40S",  // 5 s * 2^7
            "10, PT42M40S", // 5 s * 2^9, still under the cap
            "11, PT1H",     // 5 s * 2^10 = 85 min: capped at the longest step
            "12, PT1H",
            "1000, PT1H",   // no overflow however many failures
    })
    void stepDoublesUpToTheLongest(int failures, Duration step) {
        assertThat(DeliveryRetryPolicy.step(failures, DEFAULT)).isEqualTo(step);
    }

    @ParameterizedTest(name = "after {0} failures with jitter {1} the delay is {2}")
    @CsvSource({
            "1, 0.0, PT2.5S",       // no jitter: half the step, never zero
            "1, 0.5, PT3.75S",      // half the step plus half of the other half
            "1, 0.9999, PT4.999S",  // just under the step, never above it
            "3, 0.0, PT10S",
            "3, 0.25, PT12.5S",
            "20, 0.0, PT30M",       // the capped step's half
            "20, 0.5, PT45M",
    })
    void delayIsHalfTheStepPlusJitterOfTheOtherHalf(int failures, double jitter, Duration delay) {
        assertThat(DeliveryRetryPolicy.delayAfter(failures, jitter, DEFAULT)).isEqualTo(delay);
    }

    @Test
    void oddStepsKeepTheirLastMillisecond() {
        Schedule odd = new Schedule(Duration.ofMillis(3), Duration.ofMillis(3), Duration.ofHours(1));
        // half of 3 ms is 1 ms; the random share is of the other 2 ms
        assertThat(DeliveryRetryPolicy.delayAfter(1, 0.0, odd)).isEqualTo(Duration.ofMillis(1));
        assertThat(DeliveryRetryPolicy.delayAfter(1, 0.5, odd)).isEqualTo(Duration.ofMillis(2));
        assertThat(DeliveryRetryPolicy.delayAfter(1, 0.99, odd)).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void retriesCoverAtLeastTheFailingPeriodBeforeAnyGiveUp() {
        // a day of the default schedule's shortest delays: attempts go on all along (the policy never gives up)
        Duration elapsed = Duration.ZERO;
        int failures = 0;
        while (elapsed.compareTo(Duration.ofHours(24)) < 0) {
            failures++;
            elapsed = elapsed.plus(DeliveryRetryPolicy.delayAfter(failures, 0.0, DEFAULT));
        }
        // 2.5 s + 5 s + ... then half-hour steps: about 55 attempts in the first day
        assertThat(failures).isBetween(50, 60);
    }

    @ParameterizedTest(name = "first failure {0}, now {1}: failing {2}")
    @CsvSource({
            "2026-06-01T00:00:00Z, 2026-06-01T00:00:00Z, false",
            "2026-06-01T00:00:00Z, 2026-06-01T23:59:59.999Z, false",  // one millisecond short of 24 h
            "2026-06-01T00:00:00Z, 2026-06-02T00:00:00Z, true",       // exactly 24 h
            "2026-06-01T00:00:00Z, 2026-06-05T00:00:00Z, true",
    })
    void failingAfterTheFailingPeriod(Instant firstFailure, Instant now, boolean failing) {
        assertThat(DeliveryRetryPolicy.failing(firstFailure, now, DEFAULT)).isEqualTo(failing);
    }

    @ParameterizedTest(name = "status {0} is {1}")
    @CsvSource({
            "199, RETRY", "200, DELIVERED", "202, DELIVERED", "204, DELIVERED", "299, DELIVERED", "300, RETRY",
            "301, RETRY", "400, RETRY", "410, RETRY", "429, RETRY", "500, RETRY", "503, RETRY",
    })
    void onlyTwoHundredsDeliver(int status, Outcome outcome) {
        assertThat(DeliveryRetryPolicy.outcome(status)).isEqualTo(outcome);
    }

    @Test
    void refusesWhatIsNotASchedule() {
        assertThatThrownBy(() -> DeliveryRetryPolicy.step(0, DEFAULT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryRetryPolicy.delayAfter(1, 1.0, DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryRetryPolicy.delayAfter(1, -0.1, DEFAULT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(Duration.ZERO, Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(Duration.ofSeconds(-1), Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Schedule(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        // first == max is a schedule
        assertThat(new Schedule(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofHours(1))).isNotNull();
    }
}
