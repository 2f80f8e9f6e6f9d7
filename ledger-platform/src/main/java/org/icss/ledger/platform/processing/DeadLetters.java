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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public DeadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc, TransactionTemplate transactions,
                       Clock clock) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** One dead letter; {@code sequence} is the organisation (or professional) whose later events wait behind it. */
    public record Letter(String processingGroup, String sequence, long sequenceIndex, String eventType,
                         String eventId, String ledgerEventId, String causeType, String causeMessage, int attempts,
                         Instant enqueuedAt, Instant lastTouched) {
    }

    /**
     * A skipped letter: what it was, why and by whom it was skipped, and the retry of the letters that waited behind
     * it in its sequence.
     */
    public record Skipped(Letter letter, String reason, String skippedBy, Instant skippedAt, Retried sequence) {
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

    /**
     * Takes the letter of event {@code eventId} out of the group's queue without handling it, keeping a record of it
     * with the reason in {@code dead_letter_skip}, then retries the letters that waited behind it in its sequence
     * (its organisation's later events), so the organisation flows again. Empty if the group has no such letter.
     */
    public Optional<Skipped> skip(String processingGroup, String eventId, String reason, String skippedBy) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup)
                .orElseThrow(() -> new IllegalArgumentException("no dead-letter queue for " + processingGroup));
        Instant now = Instant.now(clock);
        Optional<Letter> skipped = transactions.execute(status -> {
            List<String> sequences = jdbc.queryForList("SELECT sequence_identifier FROM dead_letter_entry "
                    + "WHERE processing_group = ? AND event_identifier = ?", String.class, processingGroup, eventId);
            if (sequences.isEmpty()) {
                return Optional.<Letter>empty();
            }
            String sequence = sequences.get(0);
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
                if (eventId.equals(letter.message().getIdentifier())) {
                    Letter described = describe(processingGroup, letter);
                    jdbc.update("INSERT INTO dead_letter_skip (processing_group, event_identifier, sequence_identifier, "
                                    + "payload_type, payload, cause_type, cause_message, attempts, reason, skipped_by, "
                                    + "skipped_at) SELECT processing_group, event_identifier, sequence_identifier, "
                                    + "payload_type, payload, cause_type, cause_message, ?, ?, ?, ? "
                                    + "FROM dead_letter_entry WHERE processing_group = ? AND event_identifier = ?",
                            described.attempts(), reason, skippedBy, Timestamp.from(now), processingGroup, eventId);
                    @SuppressWarnings("unchecked")
                    DeadLetter<EventMessage<?>> evicted = (DeadLetter<EventMessage<?>>) letter;
                    queue.evict(evicted);
                    return Optional.of(described);
                }
            }
            return Optional.<Letter>empty();
        });
        return skipped.map(letter -> new Skipped(letter, reason, skippedBy, now,
                retry(processingGroup, letter.sequence())));
    }

    /** The letters skipped so far in every group, the latest first. */
    public List<Map<String, Object>> skips() {
        return jdbc.queryForList("SELECT processing_group AS \"processingGroup\", event_identifier AS \"eventId\", "
                + "sequence_identifier AS \"sequence\", payload_type AS \"eventType\", cause_type AS \"causeType\", "
                + "cause_message AS \"causeMessage\", attempts, reason, skipped_by AS \"skippedBy\", "
                + "skipped_at AS \"skippedAt\" FROM dead_letter_skip ORDER BY skipped_at DESC, event_identifier");
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
