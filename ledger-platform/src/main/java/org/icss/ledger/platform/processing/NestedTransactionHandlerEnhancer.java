package org.icss.ledger.platform.processing;

import org.axonframework.common.AxonTransientException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;


/**
 * Runs each event handler of a processing group (a class annotated {@link ProcessingGroup}) in a nested transaction
 * (a savepoint of the processor's transaction), and retries it there when it fails for a reason that is not
 * transient.
 * <ul>
 *     <li>A failed attempt undoes what the handler wrote so far (its {@code processed_event} row, half a projection)
 *     and leaves the processor's transaction usable: the batch the event arrived in goes on.</li>
 *     <li>After {@code attempts} failed attempts the failure goes on as {@link FailedAttempts}, which
 *     {@link RetryThenDeadLetter} puts in the dead-letter queue, in the batch's own transaction. No failure of one
 *     event ever rolls its batch back, so a dead letter can never be lost to a later event's failure in the same
 *     batch, and the other organisations' events of that batch are committed with it.</li>
 *     <li>A transient failure (the database or the broker unreachable, a lost race: {@link TransientFailures}) is
 *     thrown on at once: nothing can be committed then, and the processor retries the whole batch with back-off.
 *     So is a failure to roll back to the savepoint ({@link TransactionLost}).</li>
 *     <li>A stack overflow counts as the handler's failure; any other {@code Error} is thrown on ({@link #fatal}).</li>
 * </ul>
 * Aggregates' and sagas' handlers are left alone.
 */
public class NestedTransactionHandlerEnhancer implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(NestedTransactionHandlerEnhancer.class);
    private static final Duration PAUSE = Duration.ofMillis(20);

    private final ObjectProvider<PlatformTransactionManager> transactionManager;
    private final int attempts;

    /**
     * @param attempts attempts at an event whose handler fails for a non-transient reason, before it is handed to the
     *                 dead-letter queue ({@code icss.processing.dead-letter-after})
     */
    public NestedTransactionHandlerEnhancer(ObjectProvider<PlatformTransactionManager> transactionManager,
                                            int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.transactionManager = transactionManager;
        this.attempts = attempts;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || !original.declaringClass().isAnnotationPresent(ProcessingGroup.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                PlatformTransactionManager transactions = transactionManager.getIfAvailable();
                boolean savepoints = transactions != null
                        && TransactionSynchronizationManager.isActualTransactionActive();
                for (int attempt = 1; ; attempt++) {
                    TransactionStatus savepoint = savepoints ? transactions.getTransaction(
                            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED)) : null;
                    try {
                        Object result = super.handle(message, target);
                        if (savepoint != null) {
                            transactions.commit(savepoint);
                        }
                        return result;
                    } catch (Exception | Error e) {
                        // an Error too: the savepoint is rolled back before it goes on
                        if (savepoint != null) {
                            rollBack(transactions, savepoint, e);
                        }
                        if (fatal(e) || TransientFailures.isTransient(e)) {
                            throw e;
                        }
                        if (attempt >= attempts) {
                            throw new FailedAttempts(attempt, e);
                        }
                        log.warn("event {} failed ({} of {} attempts), trying again: {}", message.getIdentifier(),
                                attempt, attempts, e.toString());
                        pause(attempt);
                    }
                }
            }
        };
    }

    /**
     * An error that says the process, not the event, is in trouble (out of memory, an internal error of the JVM, a
     * class that cannot be loaded): thrown on, so the processor stops and {@link StoppedProcessorRestarter} starts it
     * again later. A stack overflow is the handler's own: it unwinds the thread and leaves the process sound, and a
     * crafted event could cause it every time, so it is retried and dead-lettered like an exception, and the other
     * organisations' events go on.
     */
    static boolean fatal(Throwable failure) {
        return failure instanceof Error && !(failure instanceof StackOverflowError);
    }

    /**
     * Undoes the failed attempt. When even that fails (the connection was lost with the database: Hikari has closed
     * it, and its errors then carry no SQL state), the batch's transaction is gone: nothing of the batch can commit,
     * whatever the handler's own failure was, so the failure is transient and the processor retries the batch. Were it
     * judged by the handler's failure or by the rollback's message, a database restart could dead-letter a good event.
     */
    private static void rollBack(PlatformTransactionManager transactions, TransactionStatus savepoint,
                                 Throwable failure) {
        try {
            transactions.rollback(savepoint);
        } catch (RuntimeException rollbackFailed) {
            TransactionLost lost = new TransactionLost(rollbackFailed);
            lost.addSuppressed(failure);
            throw lost;
        }
    }

    private static void pause(int attempt) throws InterruptedException {
        Thread.sleep(PAUSE.toMillis() * attempt);
    }

    /**
     * The batch's transaction could not be rolled back to the failed handler's savepoint: its connection is gone. A
     * transient failure ({@link AxonTransientException}): the processor rolls the batch back and retries it.
     */
    public static final class TransactionLost extends AxonTransientException {

        TransactionLost(Throwable cause) {
            super("the batch's transaction was lost while undoing a failed handler: " + cause.getMessage(), cause);
        }
    }

    /** A handler failed {@link #attempts()} times in a row for a reason that is not transient. */
    public static final class FailedAttempts extends RuntimeException {

        private final int attempts;

        FailedAttempts(int attempts, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.attempts = attempts;
        }

        public int attempts() {
            return attempts;
        }
    }
}
