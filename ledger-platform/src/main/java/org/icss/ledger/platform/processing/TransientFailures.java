package org.icss.ledger.platform.processing;

import org.axonframework.common.AxonTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a failure that goes away by itself (the database or the broker briefly unreachable, a lost race with another
 * replica on the same aggregate) from one that would fail the same way every time (a bug, an event the handler
 * cannot make sense of). The first kind is retried where it happened; only the second kind is dead-lettered.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AxonTransientException // ConcurrencyException: another replica appended first
                    || cause instanceof TransientDataAccessException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof PessimisticLockingFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQL states of PostgreSQL that say nothing about the event: connection failures (08), an administrator or a
     * crash ending the session (57P01-57P03), lack of resources (53), serialization failures and deadlocks (40).
     */
    private static boolean transientState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("40")
                || state.startsWith("57P"));
    }
}
