package org.icss.ledger.platform.processing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts again a processor that Axon stopped for good. A tracking processor retries an {@code Exception} with
 * back-off, but when an {@code Error} escapes its loop (a stack overflow in a handler, an assertion, a class that
 * failed to load) Axon pauses it in its error state and nothing starts it again: every organisation's events would
 * wait until the service is restarted by hand, while the service still answered ready. This checks every
 * {@code first} / 4 and starts such a processor {@code first} after it is found stopped, then twice as long after
 * each further stop, up to {@code MAX}; the delay falls back to {@code first} once the processor has run for
 * {@code MAX}. Each start is logged as an error and counted ({@code icss.processor.restarts{processor}}).
 */
public class StoppedProcessorRestarter extends PeriodicTask {

    static final Duration MAX = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(StoppedProcessorRestarter.class);

    private final EventProcessingConfiguration processing;
    private final Duration first;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Watch> watched = new HashMap<>();

    /**
     * What is known of one processor: since when it has been found stopped (null while it runs), when it was last
     * started again (null if never, or long enough ago), and the wait before its next start.
     */
    private static final class Watch {
        Instant stoppedSince;
        Instant restartedAt;
        Duration delay;

        Watch(Duration first) {
            delay = first;
        }
    }

    public StoppedProcessorRestarter(EventProcessingConfiguration processing, Duration first, MeterRegistry meters,
                                     Clock clock) {
        super("processor-restarter", first.dividedBy(4), first.dividedBy(4));
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("icss.processing.restart-stopped must be positive: " + first);
        }
        this.processing = processing;
        this.first = first;
        this.meters = meters == null ? new SimpleMeterRegistry() : meters;
        this.clock = clock;
    }

    @Override
    void runOnce() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("checking for stopped processors failed: {}", e.toString());
        }
    }

    /** One round: starts each processor that has been stopped in its error state for its current delay. */
    synchronized void check() {
        Instant now = clock.instant();
        for (Map.Entry<String, EventProcessor> entry : processing.eventProcessors().entrySet()) {
            String name = entry.getKey();
            EventProcessor processor = entry.getValue();
            Watch watch = watched.computeIfAbsent(name, n -> new Watch(first));
            if (!processor.isError()) {
                watch.stoppedSince = null;
                if (watch.restartedAt != null && processor.isRunning()
                        && !now.isBefore(watch.restartedAt.plus(MAX))) {
                    watch.restartedAt = null;
                    watch.delay = first;
                }
                continue;
            }
            if (watch.stoppedSince == null) {
                watch.stoppedSince = now;
            }
            if (now.isBefore(watch.stoppedSince.plus(watch.delay))) {
                continue;
            }
            log.error("processor {} was stopped by an error that escaped its handlers (see the error logged before);"
                    + " starting it again after {}", name, watch.delay);
            processor.start();
            Counter.builder("icss.processor.restarts")
                    .description("processors started again after an error stopped them").tag("processor", name)
                    .register(meters).increment();
            watch.stoppedSince = null;
            watch.restartedAt = now;
            Duration next = watch.delay.multipliedBy(2);
            watch.delay = next.compareTo(MAX) > 0 ? MAX : next;
        }
    }
}
