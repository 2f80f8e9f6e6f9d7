package org.icss.ledger.platform.processing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What the enhancer makes of a failed handler, by what failed and whether its savepoint could be rolled back. A
 * database restart ends the batch's connection: the handler fails, then so does the rollback to its savepoint (Hikari
 * has closed the connection, and its error has no SQL state). That once dead-lettered a good event in
 * FaultToleranceTest; the batch must be retried instead.
 */
class NestedTransactionHandlerEnhancerTest {

    @ProcessingGroup("group")
    static final class Handler {
        final AtomicInteger attempts = new AtomicInteger();
        volatile Throwable failure;

        @EventHandler
        void on(String event) {
            attempts.incrementAndGet();
            if (failure instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) failure;
        }
    }

    /** Savepoints that can always be taken; rolling back to one fails when {@code connectionLost}. */
    static final class Transactions implements PlatformTransactionManager {
        final boolean connectionLost;
        int rollbacks;

        Transactions(boolean connectionLost) {
            this.connectionLost = connectionLost;
        }

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus(true);
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
            rollbacks++;
            if (connectionLost) {
                throw new TransactionSystemException("Could not roll back to JDBC savepoint",
                        new SQLException("Connection is closed"));
            }
        }
    }

    /** What becomes of the failure: the batch retried, the event dead-lettered, or the processor stopped. */
    enum Outcome { RETRY_BATCH, DEAD_LETTER, STOP_PROCESSOR }

    static Stream<Arguments> failures() {
        RuntimeException terminated = new RuntimeException(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"));
        RuntimeException bug = new IllegalArgumentException("cannot handle this event");
        return Stream.of(
                // handler's failure, rollback fails, attempts, outcome
                Arguments.of(terminated, true, 1, Outcome.RETRY_BATCH),
                Arguments.of(bug, true, 1, Outcome.RETRY_BATCH),
                Arguments.of(terminated, false, 1, Outcome.RETRY_BATCH),
                Arguments.of(bug, false, 3, Outcome.DEAD_LETTER),
                // a stack overflow is the event's: a crafted one could overflow every time
                Arguments.of(new StackOverflowError(), false, 3, Outcome.DEAD_LETTER),
                // the process is in trouble, not the event
                Arguments.of(new OutOfMemoryError("Java heap space"), false, 1, Outcome.STOP_PROCESSOR));
    }

    @BeforeEach
    void inAProcessorsTransaction() {
        TransactionSynchronizationManager.setActualTransactionActive(true);
    }

    @AfterEach
    void clear() {
        TransactionSynchronizationManager.setActualTransactionActive(false);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void whatBecomesOfAFailureDependsOnItAndOnTheRollbackOfItsSavepoint(Throwable failure, boolean connectionLost,
                                                                         int attempts, Outcome outcome)
            throws Exception {
        Handler handler = new Handler();
        handler.failure = failure;
        Transactions transactions = new Transactions(connectionLost);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("transactionManager", transactions);
        MessageHandlingMember<Handler> member = new NestedTransactionHandlerEnhancer(
                beans.getBeanProvider(PlatformTransactionManager.class), 3).wrapHandler(
                new AnnotatedMessageHandlingMember<>(Handler.class.getDeclaredMethod("on", String.class),
                        EventMessage.class, String.class,
                        ClasspathParameterResolverFactory.forClass(Handler.class)));

        Throwable thrown = catchThrowable(() -> member.handle(GenericEventMessage.asEventMessage("event"), handler));

        assertThat(handler.attempts).hasValue(attempts);
        assertThat(transactions.rollbacks).as("each attempt rolled back to its savepoint").isEqualTo(attempts);
        Outcome actual = TransientFailures.isTransient(thrown) ? Outcome.RETRY_BATCH
                : thrown instanceof NestedTransactionHandlerEnhancer.FailedAttempts ? Outcome.DEAD_LETTER
                : thrown == failure && thrown instanceof Error ? Outcome.STOP_PROCESSOR : null;
        assertThat(actual).as("what becomes of " + thrown).isEqualTo(outcome);
    }
}
