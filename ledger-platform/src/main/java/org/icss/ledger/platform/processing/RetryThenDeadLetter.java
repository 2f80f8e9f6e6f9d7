package org.icss.ledger.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What happens to an event whose handler failed, for the processors that have a dead-letter queue.
 * <ul>
 *     <li>A transient failure ({@link TransientFailures}) is thrown on: the processor rolls back and retries the
 *     event with back-off, holding every event after it, until the database or the broker is back. Nothing is
 *     dead-lettered because a dependency was down.</li>
 *     <li>Any other failure is retried in place {@code attempts} times in all; if it still fails, the event goes to
 *     the dead-letter queue and its sequence (the organisation's events in this processing group) is parked behind
 *     it, while other organisations' events go on.</li>
 *     <li>A retry of a dead letter that fails again keeps it in the queue, counting the attempt.</li>
 * </ul>
 * The number of attempts so far is kept in the letter's diagnostics ({@value #ATTEMPTS}).
 */
public class RetryThenDeadLetter implements EnqueuePolicy<EventMessage<?>> {

    public static final String ATTEMPTS = "attempts";

    private static final Logger log = LoggerFactory.getLogger(RetryThenDeadLetter.class);
    private static final int REMEMBERED = 10_000;

    private final int attempts;
    /** Failures so far of events not yet dead-lettered, by event id (a bounded, least-recently-failed map). */
    private final Map<String, Integer> failures = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public RetryThenDeadLetter(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        Object previous = letter.diagnostics().get(ATTEMPTS);
        if (previous != null) {
            // a retry of a letter already in the queue: it stays there, whatever the cause
            int attempt = Integer.parseInt(previous.toString()) + 1;
            log.warn("dead letter {} failed again (attempt {}): {}", letter.message().getIdentifier(), attempt,
                    cause.toString());
            return Decisions.requeue(cause, l -> l.diagnostics().and(ATTEMPTS, attempt));
        }
        String eventId = letter.message().getIdentifier();
        if (TransientFailures.isTransient(cause)) {
            log.warn("event {} failed for a transient reason; the processor retries it: {}", eventId,
                    cause.toString());
            throw rethrow(cause);
        }
        int failed = failures.merge(eventId, 1, Integer::sum);
        if (failed < attempts) {
            log.warn("event {} failed ({} of {} attempts); the processor retries it: {}", eventId, failed, attempts,
                    cause.toString());
            throw rethrow(cause);
        }
        failures.remove(eventId);
        log.error("event {} ({}) failed {} times; dead-lettered, its sequence parked", eventId,
                letter.message().getPayloadType().getSimpleName(), failed, cause);
        return Decisions.enqueue(cause, l -> l.diagnostics().and(ATTEMPTS, failed));
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new HandlerFailedException(cause);
    }

    /** A checked exception of a handler, on its way back to the processor. */
    public static final class HandlerFailedException extends RuntimeException {
        HandlerFailedException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
