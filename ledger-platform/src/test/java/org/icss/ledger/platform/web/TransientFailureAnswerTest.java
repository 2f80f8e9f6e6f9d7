package org.icss.ledger.platform.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** A write that fails for a reason that goes away by itself is a 503 to retry, not a 500. */
class TransientFailureAnswerTest {

    private final LedgerProblemHandler handler = new LedgerProblemHandler();

    @Test
    void aLostRaceWithAnotherReplicaIs503WithRetryAfter() {
        ResponseEntity<ProblemDetail> answer = handler.commandFailed(new CommandExecutionException("append failed",
                new ConcurrencyException("another replica appended sequence 6 first")));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().getType().toString()).endsWith("/problems/unavailable");
        assertThat(answer.getBody().getDetail()).contains("nothing was recorded");
    }

    @Test
    void theDatabaseUnreachableIs503AndABugStays500() {
        ResponseEntity<ProblemDetail> down = handler.unexpected(
                new CannotCreateTransactionException("Could not open JDBC Connection"));
        assertThat(down.getStatusCode().value()).isEqualTo(503);
        assertThat(down.getHeaders().getFirst("Retry-After")).isEqualTo("1");

        ResponseEntity<ProblemDetail> bug = handler.unexpected(new IllegalStateException("a bug"));
        assertThat(bug.getStatusCode().value()).isEqualTo(500);
        assertThat(bug.getHeaders().getFirst("Retry-After")).isNull();
    }
}
