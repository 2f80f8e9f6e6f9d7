package org.icss.ledger.platform;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Tells Axon's JDBC event storage that an append failed on a unique key: then another replica appended the same
 * aggregate's sequence number first, and Axon throws its {@code ConcurrencyException}, a transient failure (503 with
 * Retry-After over HTTP, a retried batch in a processor) instead of a plain {@code EventStoreException} (500).
 * <p>
 * Axon's own {@code JdbcSQLErrorCodesResolver} looks for {@link SQLIntegrityConstraintViolationException} only, which
 * the PostgreSQL driver never throws: it reports SQL state {@value #UNIQUE_VIOLATION} on a plain
 * {@link SQLException} (inside a {@code BatchUpdateException} for Axon's batched inserts).
 */
public final class UniqueViolations implements PersistenceExceptionResolver {

    /** PostgreSQL's (and the SQL standard's) state of a unique constraint violation. */
    public static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return isUniqueViolation(exception, 0);
    }

    private static boolean isUniqueViolation(Throwable failure, int depth) {
        if (failure == null || depth > 20) {
            return false;
        }
        if (failure instanceof SQLIntegrityConstraintViolationException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            if (UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            SQLException next = sql.getNextException();
            if (next != null && next != sql && isUniqueViolation(next, depth + 1)) {
                return true;
            }
        }
        Throwable cause = failure.getCause();
        return cause != failure && isUniqueViolation(cause, depth + 1);
    }
}
