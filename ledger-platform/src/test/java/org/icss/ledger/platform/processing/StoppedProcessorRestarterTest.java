package org.icss.ledger.platform.processing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.icss.ledger.platform.LedgerProcessingAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
}
