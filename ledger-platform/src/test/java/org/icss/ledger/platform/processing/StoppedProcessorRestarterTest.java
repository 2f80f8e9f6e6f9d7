package org.icss.ledger.platform.processing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.icss.ledger.platform.LedgerProcessingAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * An {@code Error} escaping a handler makes Axon stop its tracking processor for good; the restarter starts it again,
 * and the event that failed and those after it are handled, each once.
 */
class StoppedProcessorRestarterTest {

    static final class Handler {
        final AtomicInteger errors = new AtomicInteger();
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(String event) {
            if (event.equals("overflows once") && errors.incrementAndGet() == 1) {
                throw new StackOverflowError("a handler recursed too deep");
            }
            handled.add(event);
        }
    }

    private final Handler handler = new Handler();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Configuration axon;
    private StoppedProcessorRestarter restarter;

    @BeforeEach
    void start() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        new LedgerProcessingAutoConfiguration().propagateHandlerFailures().configureModule(configurer);
        configurer.eventProcessing().registerTrackingEventProcessor("errors").registerEventHandler(c -> handler)
                .assignHandlerInstancesMatching("errors", instance -> instance == handler);
        axon = configurer.buildConfiguration();
        axon.start();
        publish("warm-up");
        await().atMost(Duration.ofSeconds(30)).until(() -> handler.handled.contains("warm-up"));
        restarter = new StoppedProcessorRestarter(axon.eventProcessingConfiguration(), Duration.ofMillis(400), meters,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        restarter.stop();
        axon.shutdown();
    }

    @Test
    void aProcessorStoppedByAnErrorIsStartedAgainAndHandlesTheEventAndThoseAfterItOnce() {
        publish("before", "overflows once", "after");
        // the Error also reaches the processor thread's uncaught-exception handler: not the test's failure
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30))
                .until(() -> axon.eventProcessingConfiguration().eventProcessor("errors").orElseThrow().isError());
        assertThat(handler.handled).doesNotContain("overflows once", "after");

        restarter.start();
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                handler.handled).containsExactly("warm-up", "before", "overflows once", "after"));
        assertThat(axon.eventProcessingConfiguration().eventProcessor("errors").orElseThrow().isRunning()).isTrue();
        assertThat(meters.get("icss.processor.restarts").tag("processor", "errors").counter().count()).isEqualTo(1);
    }

    private void publish(String... events) {
        axon.eventBus().publish(java.util.Arrays.stream(events).map(GenericEventMessage::asEventMessage).toList());
    }

    /** A clock the back-off test moves by hand. */
    static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-12-03T00:00:00Z");

        void at(Duration sinceStart) {
            now = Instant.parse("2026-12-03T00:00:00Z").plus(sinceStart);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void theWaitBeforeAStartDoublesWithEachStopUpToItsMaximumAndFallsBackAfterALongRun() {
        HandClock clock = new HandClock();
        EventProcessor processor = mock(EventProcessor.class);
        AtomicBoolean error = new AtomicBoolean();
        when(processor.isError()).thenAnswer(call -> error.get());
        when(processor.isRunning()).thenAnswer(call -> !error.get());
        doAnswer(call -> {
            error.set(false);
            return null;
        }).when(processor).start();
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(processing.eventProcessors()).thenReturn(Map.of("p", processor));
        StoppedProcessorRestarter checks = new StoppedProcessorRestarter(processing, Duration.ofSeconds(10), meters,
                clock);

        // seconds since the start, and what happens then: the processor stops (an Error), is found still stopped
        // and not started, is started, or runs on
        Object[][] steps = {
                {0, "stops"}, {0, "not started"}, {9, "not started"}, {10, "started"},
                {11, "stops"}, {30, "not started"}, {31, "started"},               // waited 20 s
                {32, "stops"}, {71, "not started"}, {72, "started"},               // 40 s
                {73, "stops"}, {152, "not started"}, {153, "started"},             // 80 s
                {154, "stops"}, {313, "not started"}, {314, "started"},            // 160 s
                {315, "stops"}, {634, "not started"}, {635, "started"},            // 320 s
                {636, "stops"}, {1235, "not started"}, {1236, "started"},          // 600 s: the maximum
                {1237, "stops"}, {1836, "not started"}, {1837, "started"},         // still 600 s
                {2437, "runs"},                                                    // ran for 10 minutes
                {2438, "stops"}, {2447, "not started"}, {2448, "started"}};        // back to 10 s
        int starts = 0;
        for (Object[] step : steps) {
            clock.at(Duration.ofSeconds((Integer) step[0]));
            if (step[1].equals("stops")) {
                error.set(true);
            }
            // a check at every step: the restarter notices a stop at its next round (every 2.5 s in a service)
            checks.check();
            if (step[1].equals("started")) {
                starts++;
            }
            verify(processor, times(starts).description("starts by second " + step[0])).start();
        }
        assertThat(meters.get("icss.processor.restarts").tag("processor", "p").counter().count()).isEqualTo(starts);
    }
}
