package org.icss.ledger.platform.processing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.icss.ledger.events.LedgerEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The service's dead-letter queues (Axon's {@link SequencedDeadLetterQueue}, one per processing group that has
 * {@code axon.eventhandling.processors.<group>.dlq.enabled}): what is in them, and retries through the processing
 * group's own handlers (Axon's {@link SequencedDeadLetterProcessor}), in order, sequence by sequence.
 */
public class DeadLetters {

    /** Gauge of the number of dead letters, tagged with the processing group. */
    public static final String GAUGE = "icss.dead.letters";

    private final EventProcessingConfiguration processing;

    public DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** One dead letter; {@code sequence} is the organisation (or professional) whose later events wait behind it. */
    public record Letter(String processingGroup, String sequence, long sequenceIndex, String eventType,
                         String eventId, String ledgerEventId, String causeType, String causeMessage, int attempts,
                         Instant enqueuedAt, Instant lastTouched) {
    }

    /** The result of a retry: letters handled and evicted, letters that failed again and stay. */
    public record Retried(String processingGroup, long before, long after, int sequencesTried,
                          int sequencesCleared) {
    }

    public Set<String> processingGroups() {
        Set<String> groups = new TreeSet<>();
        for (String group : processing.eventProcessors().keySet()) {
            if (processing.deadLetterQueue(group).isPresent()) {
                groups.add(group);
            }
        }
        return groups;
    }

    public boolean hasQueue(String processingGroup) {
        return processing.deadLetterQueue(processingGroup).isPresent();
    }

    public long size(String processingGroup) {
        return queue(processingGroup).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    public List<Letter> list() {
        List<Letter> letters = new ArrayList<>();
        for (String group : processingGroups()) {
            letters.addAll(list(group));
        }
        return letters;
    }

    public List<Letter> list(String processingGroup) {
        List<Letter> letters = new ArrayList<>();
        queue(processingGroup).ifPresent(queue -> {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    letters.add(describe(processingGroup, letter));
                }
            }
        });
        return letters;
    }

    /** Retries every sequence of the group once (a sequence that fails again stays, with its attempt counted). */
    public Retried retry(String processingGroup) {
        return retry(processingGroup, letter -> true);
    }

    /** Retries one sequence of the group. */
    public Retried retry(String processingGroup, String sequence) {
        return retry(processingGroup, letter -> sequence.equals(sequenceOf(letter)));
    }

    private Retried retry(String processingGroup, Predicate<DeadLetter<? extends EventMessage<?>>> which) {
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(processingGroup)
                .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue for " + processingGroup));
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup).orElseThrow();
        long before = queue.size();
        long sequences = queue.amountOfSequences();
        Set<String> tried = new HashSet<>();
        int cleared = 0;
        for (long i = 0; i < sequences; i++) {
            boolean done = processor.process(letter -> which.test(letter) && tried.add(sequenceOf(letter)));
            if (done) {
                cleared++;
            }
        }
        return new Retried(processingGroup, before, queue.size(), tried.size(), cleared);
    }

    /** Registers the size gauge of each processing group's queue. */
    public void bindGauges(MeterRegistry registry) {
        for (String group : processingGroups()) {
            Gauge.builder(GAUGE, this, dl -> dl.size(group))
                    .description("Events a processing group could not handle, waiting for a retry")
                    .tag("processing_group", group)
                    .register(registry);
        }
    }

    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processingGroup) {
        return processing.deadLetterQueue(processingGroup);
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIdentifier()
                : String.valueOf(letter.message().getIdentifier());
    }

    private static Letter describe(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        Object payload;
        try {
            payload = message.getPayload();
        } catch (RuntimeException unreadable) {
            payload = null;
        }
        Object attempts = letter.diagnostics().get(RetryThenDeadLetter.ATTEMPTS);
        return new Letter(group, sequenceOf(letter),
                letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIndex() : 0,
                message.getPayloadType().getSimpleName(), message.getIdentifier(),
                payload instanceof LedgerEvent event ? event.eventId().toString() : null,
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null),
                attempts == null ? 1 : Integer.parseInt(attempts.toString()), letter.enqueuedAt(),
                letter.lastTouched());
    }
}
