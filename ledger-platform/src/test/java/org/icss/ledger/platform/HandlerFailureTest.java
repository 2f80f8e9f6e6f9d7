package org.icss.ledger.platform;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With the platform's error handling, an event whose handler fails is retried, not skipped. */
class HandlerFailureTest {

    static final class FlakyHandler {
        final AtomicInteger attempts = new AtomicInteger();
        final List<String> handled = new CopyOnWriteArrayList<>();

        @EventHandler
        void on(String event) {
            if (event.equals("fails once") && attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database briefly unavailable");
            }
            handled.add(event);
        }
    }

    @Test
    void anEventWhoseHandlerFailsIsRetriedAndTheEventsAfterItWait() {
        FlakyHandler handler = new FlakyHandler();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        new LedgerProcessingAutoConfiguration().propagateHandlerFailures().configureModule(configurer);
        configurer.eventProcessing().registerTrackingEventProcessor("flaky").registerEventHandler(c -> handler)
                .assignHandlerInstancesMatching("flaky", instance -> instance == handler);
        Configuration axon = configurer.buildConfiguration();
        axon.start();
        try {
            axon.eventBus().publish(GenericEventMessage.asEventMessage("first"),
                    GenericEventMessage.asEventMessage("fails once"), GenericEventMessage.asEventMessage("after"));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(handler.handled).containsExactly("first", "fails once", "after"));
            assertThat(handler.attempts.get()).isGreaterThanOrEqualTo(2);
        } finally {
            axon.shutdown();
        }
    }
}
