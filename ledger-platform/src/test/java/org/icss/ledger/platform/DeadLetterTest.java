package org.icss.ledger.platform;

import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.InMemorySequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.icss.ledger.platform.processing.RetryThenDeadLetter;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the platform's processing configuration, an event that keeps failing for a non-transient reason goes to the
 * dead-letter queue after the configured attempts, its sequence (organisation) is parked while others go on, and a
 * retry after the fault is fixed handles the parked events once, in order; a transient failure is retried and never
 * dead-lettered. Events are {@code "<organisation>:<name>"}.
 */
class DeadLetterTest {

    private static final String GROUP = "consumer";

    @ProcessingGroup(GROUP)
    static final class Consumer {
        volatile boolean broken = true;
        final List<String> handled = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

        @EventHandler
        void on(String event) {
            int attempt = attempts.computeIfAbsent(event, e -> new AtomicInteger()).incrementAndGet();
            if (event.endsWith(":poison") && broken) {
                throw new IllegalArgumentException("cannot handle " + event);
            }
            if (event.endsWith(":overflow")) {
                throw new StackOverflowError("handler recursion on " + event);
            }
            if (event.endsWith(":flaky") && attempt <= 2) {
                throw new TransientDataAccessResourceException("database restarting");
            }
            handled.add(event);
        }
    }

    private final Consumer consumer = new Consumer();
    private final SequencedDeadLetterQueue<EventMessage<?>> queue = InMemorySequencedDeadLetterQueue.defaultQueue();
    private Configuration axon;

    @BeforeEach
    void start() {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        LedgerProcessingAutoConfiguration platform = new LedgerProcessingAutoConfiguration();
        LedgerProcessingProperties defaults = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("icss.processing", LedgerProcessingProperties.class);
        platform.propagateHandlerFailures().configureModule(configurer);
        platform.ledgerEventProcessing().configureModule(configurer);
        configurer.registerHandlerEnhancerDefinition(c -> LedgerProcessingAutoConfiguration.nestedTransactionHandlerEnhancer(
                new StaticListableBeanFactory().getBeanProvider(PlatformTransactionManager.class), defaults));
        configurer.eventProcessing()
                .registerTrackingEventProcessor(GROUP)
                .registerTrackingEventProcessorConfiguration(GROUP, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(100))
                .registerEventHandler(c -> consumer)
                .assignHandlerInstancesMatching(GROUP, instance -> instance == consumer)
                .registerSequencingPolicy(GROUP, c -> event -> ((String) event.getPayload()).split(":")[0])
                .registerDeadLetterQueue(GROUP, c -> queue);
        axon = configurer.buildConfiguration();
        axon.start();
        // the processor's start (its first token, its stream) is over before a test publishes: events published
        // while it starts against the in-memory store were once missed (1 run in about 100, the first event)
        publish("warm-up:1");
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.handled.contains("warm-up:1"));
        consumer.handled.clear();
        consumer.attempts.clear();
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void aPoisonEventIsDeadLetteredItsOrganisationWaitsOthersGoOnAndARetryHandlesItOnce() {
        publish("A:1", "B:1", "B:poison", "B:2", "A:2", "C:1");

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(consumer.handled).containsExactly("A:1", "B:1", "A:2", "C:1"));
        assertThat(queue.size()).isEqualTo(2);
        List<String> parked = new ArrayList<>();
        queue.deadLetterSequence("B").forEach(letter -> parked.add((String) letter.message().getPayload()));
        assertThat(parked).containsExactly("B:poison", "B:2");
        DeadLetter<? extends EventMessage<?>> first = queue.deadLetterSequence("B").iterator().next();
        assertThat(first.cause().orElseThrow().type()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(first.diagnostics().get(RetryThenDeadLetter.ATTEMPTS)).isEqualTo(3);
        assertThat(consumer.attempts.get("B:poison").get()).isEqualTo(3);
        assertThat(consumer.attempts).as("B:2 is parked behind the poison event, not tried").doesNotContainKey("B:2");
    }

    @Test
    void aRetryThatFailsAgainKeepsTheLetterAndCountsTheAttemptAndAfterTheFixItIsHandledExactlyOnce() {
        publish("B:poison", "B:2", "A:1");
        await().atMost(Duration.ofSeconds(60)).until(() -> queue.size() == 2 && consumer.handled.contains("A:1"));

        var retry = axon.eventProcessingConfiguration().sequencedDeadLetterProcessor(GROUP).orElseThrow();
        assertThat(retry.processAny()).isFalse();
        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.deadLetterSequence("B").iterator().next().diagnostics().get(RetryThenDeadLetter.ATTEMPTS))
                .as("three attempts when it came, three more in the retry").isEqualTo(6);
        assertThat(consumer.attempts.get("B:poison").get()).isEqualTo(6);

        consumer.broken = false;
        assertThat(retry.processAny()).isTrue();
        assertThat(queue.size()).isZero();
        assertThat(consumer.handled).containsExactly("A:1", "B:poison", "B:2");

        publish("B:3");
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.handled.contains("B:3"));
        assertThat(consumer.handled).containsExactly("A:1", "B:poison", "B:2", "B:3");
        assertThat(queue.size()).isZero();
    }

    @Test
    void poisonEventsOfSeveralOrganisationsInOneBatchAreEachDeadLetteredOnceAndTheBatchsOtherEventsHandledOnce() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add("G" + i + ":1");
            if (i % 10 == 3) {
                events.add("P" + i + ":poison");
                events.add("P" + i + ":2");
            }
        }
        publish(events.toArray(String[]::new));

        await().atMost(Duration.ofSeconds(60)).until(() -> consumer.handled.size() == 60 && queue.size() == 12);
        assertThat(consumer.handled).as("each good event once, in order, none handled twice by a rolled-back batch")
                .containsExactlyElementsOf(events.stream().filter(e -> e.startsWith("G")).toList());
        assertThat(queue.amountOfSequences()).isEqualTo(6);
        for (int i = 3; i < 60; i += 10) {
            assertThat(consumer.attempts.get("P" + i + ":poison").get()).as("attempts at P" + i).isEqualTo(3);
            assertThat(consumer.attempts).doesNotContainKey("P" + i + ":2");
        }
    }

    @Test
    void anEventWhoseHandlerOverflowsTheStackIsDeadLetteredAndTheOtherOrganisationsGoOn() {
        publish("D:1", "D:overflow", "E:1", "D:2", "E:2");

        await().atMost(Duration.ofSeconds(60)).until(() -> queue.size() == 2 && consumer.handled.contains("E:2"));
        assertThat(consumer.handled).containsExactly("D:1", "E:1", "E:2");
        DeadLetter<? extends EventMessage<?>> letter = queue.deadLetterSequence("D").iterator().next();
        assertThat(letter.message().getPayload()).isEqualTo("D:overflow");
        assertThat(letter.cause().orElseThrow().type()).isEqualTo(StackOverflowError.class.getName());
        assertThat(consumer.attempts.get("D:overflow").get()).isEqualTo(3);
        assertThat(axon.eventProcessingConfiguration().eventProcessor(GROUP).orElseThrow().isError()).isFalse();
    }

    @Test
    void aTransientFailureIsRetriedUntilItPassesAndNeverDeadLettered() {
        publish("C:1", "C:flaky", "C:2");

        // the whole batch is retried (in a service, its database transaction undoes what the first pass wrote; this
        // consumer keeps no transaction, so it sees C:1 again)
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(consumer.handled.stream().distinct())
                .containsExactly("C:1", "C:flaky", "C:2"));
        assertThat(consumer.attempts.get("C:flaky").get()).isEqualTo(3);
        assertThat(queue.size()).isZero();
    }

    private void publish(String... events) {
        axon.eventBus().publish(java.util.Arrays.stream(events).map(GenericEventMessage::asEventMessage).toList());
    }
}
