package org.icss.ledger.platform.processing;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;


/**
 * Runs each event handler of a processing group (a class annotated {@link ProcessingGroup}) in a nested
 * transaction (a savepoint of the processor's transaction). If the handler fails, what it wrote so far (its
 * {@code processed_event} row, half a projection) is undone, while the processor's transaction lives on to put the
 * event in the dead-letter queue and move its token: a dead letter that is retried later finds nothing of its
 * failed attempt. Aggregates' and sagas' handlers are left alone.
 */
public class NestedTransactionHandlerEnhancer implements HandlerEnhancerDefinition {

    private final ObjectProvider<PlatformTransactionManager> transactionManager;

    public NestedTransactionHandlerEnhancer(ObjectProvider<PlatformTransactionManager> transactionManager) {
        this.transactionManager = transactionManager;
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
                if (transactions == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                TransactionStatus savepoint = transactions.getTransaction(
                        new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
                Object result;
                try {
                    result = super.handle(message, target);
                } catch (Exception | Error e) {
                    transactions.rollback(savepoint);
                    throw e;
                }
                transactions.commit(savepoint);
                return result;
            }
        };
    }
}
