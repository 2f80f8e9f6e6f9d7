package org.icss.ledger.platform.processing;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an event whose handler failed, for the processors that have a dead-letter queue.
 * <ul>
 *     <li>A transient failure ({@link TransientFailures}) is thrown on: the processor rolls back and retries the
 *     batch with back-off, holding every event after it, until the database or the broker is back. Nothing is
 *     dead-lettered because a dependency was down.</li>
 *     <li>Any other failure has already been retried in place ({@link NestedTransactionHandlerEnhancer}, which says
 *     how often in {@link NestedTransactionHandlerEnhancer.FailedAttempts}): the event goes to the dead-letter queue
 *     at once, in the batch's transaction, and its sequence (the organisation's events in this processing group) is
 *     parked behind it while other organisations' events go on. Nothing is thrown, so the batch commits: the
 *     dead letter, the other events' work and the token move together.</li>
 *     <li>A retry of a dead letter that fails again keeps it in the queue, counting the attempts.</li>
 * </ul>
 * The number of attempts so far is kept in the letter's diagnostics ({@value #ATTEMPTS}). The cause is stored with
 * its message cleaned of characters the database cannot store and cut to the column's length, so that storing the
 * letter can never fail because of what the failure said.
 */
public class RetryThenDeadLetter implements EnqueuePolicy<EventMessage<?>> {

    public static final String ATTEMPTS = "attempts";

    private static final Logger log = LoggerFactory.getLogger(RetryThenDeadLetter.class);

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable failure) {
        Throwable cause = failure;
        int attempts = 1;
        if (failure instanceof NestedTransactionHandlerEnhancer.FailedAttempts failed) {
            cause = failed.getCause();
            attempts = failed.attempts();
        }
        String eventId = letter.message().getIdentifier();
        Object previous = letter.diagnostics().get(ATTEMPTS);
        if (previous != null) {
            // a retry of a letter already in the queue: it stays there, whatever the cause
            int total = Integer.parseInt(previous.toString()) + attempts;
            log.warn("dead letter {} failed again ({} attempts in all): {}", eventId, total, cause.toString());
            return Decisions.requeue(storable(cause), l -> l.diagnostics().and(ATTEMPTS, total));
        }
        if (TransientFailures.isTransient(cause)) {
            log.warn("event {} failed for a transient reason; the processor retries it: {}", eventId,
                    cause.toString());
            throw rethrow(cause);
        }
        int failedAttempts = attempts;
        log.error("event {} ({}) failed {} times; dead-lettered, its sequence parked", eventId,
                letter.message().getPayloadType().getSimpleName(), failedAttempts, cause);
        return Decisions.enqueue(storable(cause), l -> l.diagnostics().and(ATTEMPTS, failedAttempts));
    }

    /** The cause as the queue stores it: its type, and its message without NUL and other control characters. */
    static ThrowableCause storable(Throwable cause) {
        String message = cause.getMessage();
        if (message != null) {
            message = message.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "\uFFFD").replaceAll("[\\uFFFE\\uFFFF]", "\uFFFD");
            if (message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
                int end = ThrowableCause.TRUNCATED_MESSAGE_SIZE;
                if (Character.isHighSurrogate(message.charAt(end - 1))) {
                    end--;
                }
                message = message.substring(0, end);
            }
        }
        return new ThrowableCause(cause.getClass().getName(), message);
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
